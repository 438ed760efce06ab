import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { OpenApiUtil } from "@alicloud/openapi-core";
import { canonicalQueryString, EMPTY_PAYLOAD_SHA256, parseAuthorization, signature, type SignedRequest } from "../../src/emulator/signature.js";

// The two golden vectors of api-facts.md §1.4 (AK testAK, secret testSecret, x-acs-date 2025-06-18T08:00:00Z).
const PUSH_TASK =
  '{"Action":"SCHEDULED_PUSH","Notification":{"Body":"The event you scheduled is about to start","Ios":{"ApnsEnv":"PRODUCT"},"Title":"Event Reminder"},"Options":{"PushTime":"2025-06-19T12:00:00Z"},"Target":{"Platform":"IOS","Type":"DEVICE","Value":"device-id"}}';
const pushV2: SignedRequest = {
  method: "POST",
  path: "/",
  query: { AppKey: "233586006", IdempotentToken: "c8016d13-6e76-4a3b-9bda-769383d11787", PushTask: PUSH_TASK },
  headers: {
    host: "cloudpush.aliyuncs.com",
    "x-acs-action": "PushV2",
    "x-acs-version": "2016-08-01",
    "x-acs-date": "2025-06-18T08:00:00Z",
    "x-acs-signature-nonce": "0123456789abcdef0123456789abcdef",
    "x-acs-content-sha256": EMPTY_PAYLOAD_SHA256,
  },
  signedHeaders: ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
  payloadSha256: EMPTY_PAYLOAD_SHA256,
};
const FORM =
  "AppId=ONEX570DA89211721&WorkspaceId=test&TaskName=simpleTest&Title=Test&Content=Test&DeliveryType=3&TargetMsgkey=%7B%22user1024%22%3A%221578807462788%22%7D&ExpiredSeconds=300&StrategyType=1&StrategyContent=%7B%22fixedTime%22%3A1630303126000%7D";
const formSha = createHash("sha256").update(FORM).digest("hex");
const pushSimple: SignedRequest = {
  method: "POST",
  path: "/",
  query: {},
  headers: {
    "content-type": "application/x-www-form-urlencoded",
    host: "mpaas.cn-hangzhou.aliyuncs.com",
    "x-acs-action": "PushSimple",
    "x-acs-version": "2020-10-28",
    "x-acs-date": "2025-06-18T08:00:00Z",
    "x-acs-signature-nonce": "fedcba9876543210fedcba9876543210",
    "x-acs-content-sha256": formSha,
  },
  signedHeaders: ["content-type", "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-signature-nonce", "x-acs-version"],
  payloadSha256: formSha,
};

describe("V3 signature (emulator side)", () => {
  it("reproduces the PushV2 golden vector", () => {
    expect(signature(pushV2, "testSecret")).toBe("8dadebcdd003ad39be761ee2406a77fa3b5bcc02e4501f17564e9bcae5d84a0c");
  });
  it("reproduces the PushSimple golden vector", () => {
    expect(formSha).toBe("6601ae9edd875d8b7501593df850ab248f945a55807f50985caba702ae9986a8");
    expect(signature(pushSimple, "testSecret")).toBe("72e480d72d288220df68a92678e1f7a6d6789ae4536b63fedbb97a47c17241d3");
  });
  it("agrees with the OpenAPI runtime's own signing of the same request", () => {
    const request = { method: "POST", pathname: "/", query: pushV2.query, headers: pushV2.headers } as unknown as Parameters<
      typeof OpenApiUtil.getAuthorization
    >[0];
    const authorization = OpenApiUtil.getAuthorization(request, "ACS3-HMAC-SHA256", EMPTY_PAYLOAD_SHA256, "testAK", "testSecret");
    const parsed = parseAuthorization(authorization);
    expect(parsed).toMatchObject({ accessKeyId: "testAK", signature: signature(pushV2, "testSecret") });
  });
  it("changes with the secret, the body and any signed header", () => {
    const good = signature(pushV2, "testSecret");
    expect(signature(pushV2, "otherSecret")).not.toBe(good);
    expect(signature({ ...pushV2, query: { ...pushV2.query, AppKey: "233586007" } }, "testSecret")).not.toBe(good);
    expect(signature({ ...pushV2, headers: { ...pushV2.headers, "x-acs-action": "CancelPush" } }, "testSecret")).not.toBe(good);
  });
  it("encodes the canonical query the RFC 3986 way", () => {
    expect(canonicalQueryString({ b: "it's (a) *test*!", a: "x y~" })).toBe("a=x%20y~&b=it%27s%20%28a%29%20%2Atest%2A%21");
  });
});
