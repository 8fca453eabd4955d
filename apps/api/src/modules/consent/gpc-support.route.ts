/**
 * GET /.well-known/gpc.json: the site honours Global Privacy Control (P-15). Public, static,
 * the same for everyone; JSON as the GPC spec asks.
 */
import { GPC_SUPPORT } from "@privet/domain/gpc";
import type express from "express";

export function gpcSupportRoute(): express.RequestHandler {
  const body = JSON.stringify(GPC_SUPPORT);
  return (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=86400");
    // Public and the same for everyone, no cookies: any site's script may read it.
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.type("application/json").send(body);
  };
}
