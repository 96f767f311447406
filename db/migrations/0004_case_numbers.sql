CREATE TABLE "case_number_counters" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "case_number_counters_region_code_year_pk" PRIMARY KEY("region_code","year"),
	CONSTRAINT "case_number_counters_positive" CHECK ("case_number_counters"."last_number" > 0)
);
--> statement-breakpoint
ALTER TABLE "case_number_counters" ADD CONSTRAINT "case_number_counters_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Added without NOT NULL, filled for the cases already registered, then required.
ALTER TABLE "cases" ADD COLUMN "case_number" text;--> statement-breakpoint
-- Existing cases are numbered in registration order per county and year of registration (Beijing time).
CREATE TEMPORARY TABLE "case_number_backfill" ON COMMIT DROP AS
	SELECT "id", "region_code", extract(year FROM "created_at" AT TIME ZONE 'Asia/Shanghai')::integer AS "year",
		row_number() OVER (
			PARTITION BY "region_code", extract(year FROM "created_at" AT TIME ZONE 'Asia/Shanghai')
			ORDER BY "created_at", "id"
		)::integer AS "number"
	FROM "cases";--> statement-breakpoint
UPDATE "cases" SET "case_number" = b."region_code" || '-' || b."year"::text || '-' || CASE WHEN b."number" < 10000 THEN lpad(b."number"::text, 4, '0') ELSE b."number"::text END
	FROM "case_number_backfill" b WHERE b."id" = "cases"."id";--> statement-breakpoint
INSERT INTO "case_number_counters" ("region_code", "year", "last_number")
	SELECT "region_code", "year", max("number") FROM "case_number_backfill" GROUP BY "region_code", "year";--> statement-breakpoint
DROP TABLE "case_number_backfill";--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "case_number" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_case_number_key" UNIQUE("case_number");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_case_number_format" CHECK ("cases"."case_number" ~ '^[0-9]{6}-[0-9]{4}-[0-9]{4,}$');--> statement-breakpoint
-- A case keeps its number for good: staff write it on paper files and quote it on the phone.
CREATE FUNCTION "cases_case_number_unchanged"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF NEW."case_number" IS DISTINCT FROM OLD."case_number" THEN
		RAISE EXCEPTION 'a case number never changes' USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "cases_case_number_unchanged" BEFORE UPDATE OF "case_number" ON "cases"
	FOR EACH ROW EXECUTE FUNCTION "cases_case_number_unchanged"();
