// Recall and precision of the PII guard (DESIGN §3) on its labelled corpus of need titles and stories.
//   node --import tsx bench/pii-guard.ts
// Prints one JSON document: snippet counts, per-kind true/false positives and false negatives, recall and
// precision per snippet (blocked or not) and per finding (kind and place), and every misclassified snippet.
import { PII_CORPUS } from "../app/domain/privacy/__fixtures__/pii-corpus";
import { scorePiiGuard } from "../app/domain/privacy/__fixtures__/score-pii-guard";
import { findPii } from "../app/domain/privacy/pii-guard";

console.log(JSON.stringify(scorePiiGuard(findPii, PII_CORPUS), null, 2));
