/** Typed edits on the corpus, shard 2 of 2 (incremental/typedEdits.ts). */
import { describeTypedEditsShard } from './incremental/typedEdits';

describeTypedEditsShard(2, 2);
