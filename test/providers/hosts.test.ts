import { describe, expect, it } from "vitest";
import { alibabaCloudHosts } from "../../src/providers/registry.js";

describe("Alibaba Cloud hosts without an endpoint", () => {
  it("reaches mPaaS in cn-hangzhou (the default region) at the host of every example in the mPaaS documents", () => {
    expect(alibabaCloudHosts("cn-hangzhou")).toEqual({ emas: "cloudpush.aliyuncs.com", mpaas: "mpaas.cn-hangzhou.aliyuncs.com" });
  });
  it("reaches mPaaS in any other region at the SDK's host, which every SDK version maps every region to", () => {
    expect(alibabaCloudHosts("cn-shanghai-finance-1")).toEqual({ emas: "cloudpush.aliyuncs.com", mpaas: "mpaas.aliyuncs.com" });
  });
});
