// Type-checked by scripts/test_npm.ts (module nodenext, strict, skipLibCheck off) in a
// fresh project that installed the packed @aio/asyncio. Extend it as the API grows.
import { VERSION } from "@aio/asyncio";
import * as testing from "@aio/asyncio/testing";

const version: string = VERSION;
// @ts-expect-error VERSION is typed as a string, not as any
const notANumber: number = VERSION;

export { notANumber, testing, version };
