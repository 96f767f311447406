// Preloaded by `bench/floor.ts --profile` into the server it profiles: the first SIGUSR2 starts
// V8's CPU profiler, the second writes the profile to BENCH_CPU_PROFILE (a .cpuprofile that Chrome
// DevTools and bench/cpu-profile-top.ts read), so the profile covers the load and not the start-up.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

const file = process.env.BENCH_CPU_PROFILE;
if (!file) throw new Error("BENCH_CPU_PROFILE names the file the profile is written to");

const session = new Session();
session.connect();
let running = false;
process.on("SIGUSR2", () => {
  const step = running
    ? session.post("Profiler.stop").then(({ profile }) => writeFileSync(file, JSON.stringify(profile)))
    : session.post("Profiler.enable").then(() => session.post("Profiler.start"));
  running = !running;
  step.catch((error: unknown) => console.error("cpu profile:", error));
});
