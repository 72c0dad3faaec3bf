/**
 * Every feature of the add-on, in the order the background page registers them. A feature
 * missing here does nothing in Thunderbird: test/unit/features/registry.test.ts checks that
 * each `src/features/<name>/register.ts` is listed and documented.
 */
import { bannersFeature } from "./banners/register.js";
import { composeFeature } from "./compose/register.js";
import { conversationFeature } from "./conversation/register.js";
import { exchangesFeature } from "./exchanges/register.js";
import type { Feature } from "./feature.js";
import { noticesFeature } from "./notices/register.js";
import { settingsFeature } from "./settings/register.js";

export const FEATURES: readonly Feature[] = [settingsFeature, composeFeature, conversationFeature, noticesFeature, exchangesFeature, bannersFeature];
