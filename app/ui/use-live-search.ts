// With JavaScript, a search page answers as the visitor types and clicks: typing waits for a pause
// (300 ms) and for an input method to finish composing (拼音 → 汉字), filters apply at once. The
// GET form underneath works the same without JavaScript, one press of a button at a time.
import { useLocation, useNavigation, useSubmit } from "@remix-run/react";
import type { ChangeEvent, FormEvent } from "react";
import { useCallback, useEffect, useMemo, useRef } from "react";
import { formSearchParams } from "./search-href";

const TYPING_PAUSE_MS = 300;

export function useLiveSearch(action: string) {
  const submit = useSubmit();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The words this form last sent: results for them must not overwrite what was typed since.
  const sentWords = useRef<string | null>(null);
  useEffect(() => () => clearTimeout(timer.current), []);

  const submitNow = useCallback(
    (form: HTMLFormElement | null, options: { flushSync?: boolean } = {}) => {
      clearTimeout(timer.current);
      if (!form) return;
      const params = formSearchParams(form);
      sentWords.current = (params.get("q") ?? "").trim();
      // replace: typing "电工" must not leave "电" behind in the history.
      submit(params, { method: "get", action, replace: true, preventScrollReset: true, ...options });
    },
    [submit, action],
  );

  /**
   * Whether results for these words answer what was last sent from this form (rather than a link
   * or Back); either way it is answered once, so a later Back to the same words counts as elsewhere.
   */
  const answersSentWords = useCallback((words: string) => {
    const answers = sentWords.current === words;
    sentWords.current = null;
    return answers;
  }, []);

  return {
    answersSentWords,
    /** For the search box: submit once typing pauses, never in the middle of composing. */
    onType(event: ChangeEvent<HTMLInputElement>) {
      const native = event.nativeEvent;
      if ("isComposing" in native && native.isComposing === true) return;
      const form = event.currentTarget.form;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => submitNow(form), TYPING_PAUSE_MS);
    },
    onCompositionEnd(event: { currentTarget: HTMLInputElement }) {
      const form = event.currentTarget.form;
      clearTimeout(timer.current);
      timer.current = setTimeout(() => submitNow(form), TYPING_PAUSE_MS);
    },
    /** For checkboxes, radios and selects: apply at once. */
    onPick(event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) {
      // The controls show the pending search (useShownSearch). Remix starts a navigation in a
      // transition, so React would first put a controlled box back as it was and tick it again
      // later (a flicker, and a radio group with nothing chosen); flushSync renders it at once.
      submitNow(event.currentTarget.form, { flushSync: true });
    },
    /** The form's own submit (Enter, the button): the same request, without empty fields. */
    onSubmit(event: FormEvent<HTMLFormElement>) {
      event.preventDefault();
      submitNow(event.currentTarget);
    },
  };
}

/**
 * The search the controls should show: the one being loaded while this page is navigating to
 * itself, so a ticked box stays ticked until its results arrive; otherwise the one on screen.
 */
export function useShownSearch(): { params: URLSearchParams; isBusy: boolean } {
  const navigation = useNavigation();
  const location = useLocation();
  const pending = navigation.location?.pathname === location.pathname ? navigation.location : undefined;
  const search = pending ? pending.search : location.search;
  const params = useMemo(() => new URLSearchParams(search), [search]);
  return { params, isBusy: pending !== undefined };
}

/** All values of a repeated parameter, also written as "a,b" (the parser reads both). */
export function listParam(params: URLSearchParams, key: string): string[] {
  return params.getAll(key).flatMap((value) => value.split(",")).map((value) => value.trim());
}
