import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// findBy…/waitFor wait up to 5 s (1 s by default): renders are slow when turbo runs every
// package's tests at once on two cores, and a wait only lasts that long when it fails.
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => cleanup());
