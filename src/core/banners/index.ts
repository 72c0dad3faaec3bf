export { isEncryptedMessage } from "./encrypted.js";
export {
  BANNER_ACTIONS,
  BANNER_REQUESTS,
  bannerAnswerSchema,
  bannerRequestSchema,
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
export { closerName, mainRecipient, noticeBanner, patientBanner, type BannerLine, type BannerModel, type DateContext } from "./view.js";
