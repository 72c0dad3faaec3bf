import { describe, expect, it } from "vitest";
import { isPreferredPatientFormat } from "../../../src/core/compose/index.js";

describe("isPreferredPatientFormat", () => {
  it.each([
    ["compte-rendu.pdf", undefined],
    ["COMPTE-RENDU.PDF", undefined],
    ["photo.jpg", undefined],
    ["photo.JPEG", undefined],
    ["radio.png", undefined],
    ["radio.png ", undefined],
    ["sans-extension", "application/pdf"],
    ["x.bin", "image/jpeg"],
    ["x", "IMAGE/PNG"],
    ["x", "application/pdf; name=x.pdf"],
    ["scan.pdf", "application/octet-stream"],
    ["scan.pdf", ""],
  ])("%j (%s) is shown by Mon espace santé", (name, type) => {
    expect(isPreferredPatientFormat(name, type)).toBe(true);
  });

  it.each([
    ["lettre.docx", undefined],
    ["tableau.xlsx", undefined],
    ["archive.zip", undefined],
    ["image.gif", undefined],
    ["image.heic", undefined],
    ["image.tiff", undefined],
    ["dossier.pdf.exe", undefined],
    ["pdf", undefined],
    ["", undefined],
    ["lettre.pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["photo.jpg", "image/heic"],
    ["x.bin", "application/octet-stream"],
  ])("%j (%s) must be downloaded", (name, type) => {
    expect(isPreferredPatientFormat(name, type)).toBe(false);
  });
});
