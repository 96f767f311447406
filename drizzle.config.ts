import { defineConfig } from "drizzle-kit";

// Migrations are generated SQL, committed and reviewed; both drivers run the same folder.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/*.ts",
  out: "./db/migrations",
});
