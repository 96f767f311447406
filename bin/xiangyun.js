#!/usr/bin/env node
// `npx xiangyun <command>`: the same CLI as `npm run cli --`, run from its TypeScript source.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
