import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Provider } from "urql";
import { App } from "./app.js";
import { createPortalClient } from "./graphql-client.js";
// Shared look (packages/ui); the portal adds nothing of its own.
import "@privet/ui/base.css";
import "./styles.css";

const root = document.getElementById("root");
if (!root) throw new Error("#root is missing from index.html");
createRoot(root).render(
  <StrictMode>
    <Provider value={createPortalClient()}>
      <App />
    </Provider>
  </StrictMode>,
);
