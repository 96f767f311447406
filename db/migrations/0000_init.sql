CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"head_name_enc" "bytea" NOT NULL,
	"head_id_number_enc" "bytea" NOT NULL,
	"head_phone_enc" "bytea" NOT NULL,
	"head_address_enc" "bytea" NOT NULL,
	"id_hash" "bytea" NOT NULL,
	"birth_year" integer NOT NULL,
	"sex" text NOT NULL,
	"household_size" integer NOT NULL,
	"monthly_income_per_head" numeric(18, 2) NOT NULL,
	"causes" text[] NOT NULL,
	"tier" text NOT NULL,
	"status" text DEFAULT 'registered' NOT NULL,
	"consent" boolean DEFAULT false NOT NULL,
	"follow_up_on" date,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_id_hash_key" UNIQUE("id_hash"),
	CONSTRAINT "cases_import_key_unique" UNIQUE("import_key"),
	CONSTRAINT "cases_sex_valid" CHECK ("cases"."sex" in ('male', 'female')),
	CONSTRAINT "cases_tier_valid" CHECK ("cases"."tier" in ('general', 'sudden', 'severe')),
	CONSTRAINT "cases_status_valid" CHECK ("cases"."status" in ('registered', 'verified', 'assisting', 'exited')),
	CONSTRAINT "cases_causes_valid" CHECK ("cases"."causes" <@ array['illness', 'disability', 'unemployment', 'education', 'housing', 'accident', 'disaster', 'other']::text[]),
	CONSTRAINT "cases_household_size_positive" CHECK ("cases"."household_size" > 0),
	CONSTRAINT "cases_income_not_negative" CHECK ("cases"."monthly_income_per_head" >= 0)
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"case_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"story" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"target_amount" numeric(18, 2),
	"status" text DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "needs_ref_unique" UNIQUE("ref"),
	CONSTRAINT "needs_import_key_unique" UNIQUE("import_key"),
	CONSTRAINT "needs_category_valid" CHECK ("needs"."category" in ('job', 'training', 'tuition', 'medical', 'living', 'housing', 'legal', 'counselling', 'care', 'enterprise', 'goods')),
	CONSTRAINT "needs_status_valid" CHECK ("needs"."status" in ('draft', 'published', 'matched', 'fulfilled', 'withdrawn', 'expired')),
	CONSTRAINT "needs_target_positive" CHECK ("needs"."target_amount" is null or "needs"."target_amount" > 0),
	CONSTRAINT "needs_published_has_date" CHECK ("needs"."status" not in ('published', 'matched') or "needs"."published_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ref" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"region_codes" text[] NOT NULL,
	"capacity" integer NOT NULL,
	"remaining_capacity" integer NOT NULL,
	"amount" numeric(18, 2),
	"valid_from" date,
	"valid_until" date,
	"status" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offers_ref_unique" UNIQUE("ref"),
	CONSTRAINT "offers_import_key_unique" UNIQUE("import_key"),
	CONSTRAINT "offers_category_valid" CHECK ("offers"."category" in ('job', 'training', 'tuition', 'medical', 'living', 'housing', 'legal', 'counselling', 'care', 'enterprise', 'goods')),
	CONSTRAINT "offers_status_valid" CHECK ("offers"."status" in ('draft', 'open', 'paused', 'closed')),
	CONSTRAINT "offers_capacity_range" CHECK ("offers"."remaining_capacity" >= 0 and "offers"."remaining_capacity" <= "offers"."capacity"),
	CONSTRAINT "offers_amount_positive" CHECK ("offers"."amount" is null or "offers"."amount" > 0),
	CONSTRAINT "offers_valid_range" CHECK ("offers"."valid_from" is null or "offers"."valid_until" is null or "offers"."valid_from" <= "offers"."valid_until")
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"region_code" text NOT NULL,
	"parent_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"import_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_import_key_unique" UNIQUE("import_key"),
	CONSTRAINT "organisations_kind_valid" CHECK ("organisations"."kind" in ('union', 'charity', 'employer', 'training', 'volunteer', 'government')),
	CONSTRAINT "organisations_status_valid" CHECK ("organisations"."status" in ('pending', 'verified', 'rejected')),
	CONSTRAINT "organisations_parent_is_for_unions" CHECK ("organisations"."parent_id" is null or "organisations"."kind" = 'union')
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name_zh" text NOT NULL,
	"name_en" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text,
	"path" text[] NOT NULL,
	CONSTRAINT "regions_level_valid" CHECK ("regions"."level" in ('province', 'prefecture', 'county'))
);
--> statement-breakpoint
CREATE TABLE "search_outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"ref" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "search_outbox_entity_valid" CHECK ("search_outbox"."entity" in ('need', 'offer')),
	CONSTRAINT "search_outbox_status_valid" CHECK ("search_outbox"."status" in ('pending', 'done', 'dead'))
);
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offers" ADD CONSTRAINT "offers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_parent_id_organisations_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_organisation_idx" ON "cases" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "cases_region_idx" ON "cases" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "needs_case_idx" ON "needs" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "needs_public_idx" ON "needs" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "offers_organisation_idx" ON "offers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "offers_status_idx" ON "offers" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "organisations_region_idx" ON "organisations" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "search_outbox_pending_idx" ON "search_outbox" USING btree ("status","next_attempt_at");