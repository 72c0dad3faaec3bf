/**
 * What the banner script in the displayed message and the background say to each other
 * (`runtime.sendMessage`), parsed on both sides. The script asks for one of a few fixed
 * actions and names nothing: the background finds the displayed message from the tab the
 * request came from, never from an id the page could forge. The answer holds texts already
 * rendered in the interface language, to be written as text only.
 */
import * as z from "zod/mini";

/** What the banner may ask: what to show, or one of the banners' actions. */
export const BANNER_REQUESTS = ["show", "close", "handled", "open-notice"] as const;
export type BannerRequestAction = (typeof BANNER_REQUESTS)[number];

/** The actions a banner offers (buttons). */
export const BANNER_ACTIONS = ["close", "handled", "open-notice"] as const;
export type BannerAction = (typeof BANNER_ACTIONS)[number];

export const bannerRequestSchema = z.strictObject({
  /** Marks the add-on's own request (any other runtime message is not ours to answer). */
  mssanteBanner: z.literal(1),
  action: z.enum(BANNER_REQUESTS),
});

export type BannerRequest = z.output<typeof bannerRequestSchema>;

const LINE_ROLES = ["title", "detail", "state", "step", "note"] as const;
export type BannerLineRole = (typeof LINE_ROLES)[number];

const TONES = ["open", "closed", "problem", "delay", "read", "info"] as const;
export type BannerTone = (typeof TONES)[number];

/** Texts are bounded: a banner is a few lines, never a message's content. */
const text = z.string().check(z.maxLength(2000));

export const renderedBannerSchema = z.strictObject({
  kind: z.enum(["patient", "notice"]),
  tone: z.enum(TONES),
  /** The interface language's tag (the banner's `lang`). */
  lang: z.string().check(z.maxLength(35)),
  /** The region's accessible name. */
  label: text,
  lines: z.array(z.strictObject({ role: z.enum(LINE_ROLES), text })).check(z.maxLength(12)),
  actions: z.array(z.strictObject({ action: z.enum(BANNER_ACTIONS), label: text })).check(z.maxLength(4)),
  /** Said once by screen readers (a polite live region) after an action; "" for nothing. */
  announce: text,
});

export type RenderedBanner = z.output<typeof renderedBannerSchema>;

export const bannerAnswerSchema = z.strictObject({
  /** Null: nothing to show on this message. */
  banner: z.nullable(renderedBannerSchema),
});

export type BannerAnswer = z.output<typeof bannerAnswerSchema>;

/** A request from the page, or null when it is not one of ours. */
export function parseBannerRequest(raw: unknown): BannerRequest | null {
  const parsed = bannerRequestSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/** The background's answer; null when it is malformed (the banner then shows nothing). */
export function parseBannerAnswer(raw: unknown): BannerAnswer | null {
  const parsed = bannerAnswerSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

/**
 * What the background tells the banners of the tabs showing messages: look again (an
 * exchange was just closed, from the banner or from anywhere else). Names nothing: each
 * banner asks again for the message its tab displays.
 */
export const BANNER_REFRESH = { mssanteBannerRefresh: 1 } as const;

const bannerRefreshSchema = z.strictObject({ mssanteBannerRefresh: z.literal(1) });

export function isBannerRefresh(raw: unknown): boolean {
  return bannerRefreshSchema.safeParse(raw).success;
}
