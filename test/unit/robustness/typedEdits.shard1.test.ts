/** Typed edits on the corpus, shard 1 of 2 (incremental/typedEdits.ts). */
import { describeTypedEditsShard } from './incremental/typedEdits';

describeTypedEditsShard(1, 2);
