import { Fragment } from "react";
import { regionName, useLocale } from "./labels";

/** Region names in the page's language, joined the way each language lists things. */
export function RegionNames({ names }: { names: { zh: string; en: string }[] }) {
  const locale = useLocale();
  const separator = locale === "zh-CN" ? "、" : ", ";
  return (
    <>
      {names.map((name, index) => {
        const region = regionName(name, locale);
        return (
          <Fragment key={`${name.zh}-${index}`}>
            {index > 0 ? separator : null}
            <span lang={region.lang}>{region.text}</span>
          </Fragment>
        );
      })}
    </>
  );
}
