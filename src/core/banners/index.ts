export { isEncryptedMessage } from "./encrypted.js";
export {
  BANNER_ACTIONS,
  BANNER_REFRESH,
  BANNER_REQUESTS,
  bannerAnswerSchema,
  bannerRequestSchema,
  isBannerRefresh,
  parseBannerAnswer,
  parseBannerRequest,
  renderedBannerSchema,
  type BannerAction,
  type BannerAnswer,
  type BannerLineRole,
  type BannerRequest,
  type BannerRequestAction,
  type BannerTone,
  type RenderedBanner,
} from "./protocol.js";
export { closerName, mainRecipient, noticeBanner, patientBanner, type BannerExchangeState, type BannerLine, type BannerModel, type DateContext } from "./view.js";
