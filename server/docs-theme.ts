// Swagger UI's page at /docs, made to pass the same accessibility checks as the web app
// (test/ui/axe.ts): method badges and version stamps dark enough for 4.5:1 with their white
// text, links darker, and the top bar (an "Explore" box for other documents, unlabelled,
// and a logo without alt text) hidden, since /docs only ever shows this server's API.
// Served as a stylesheet of the page (allowed by the Content-Security-Policy's 'self').
export const DOCS_THEME_CSS = `
.swagger-ui .topbar { display: none; }
.swagger-ui .opblock.opblock-get .opblock-summary-method { background: #1f5f99; }
.swagger-ui .opblock.opblock-post .opblock-summary-method { background: #1a7348; }
.swagger-ui .opblock.opblock-put .opblock-summary-method { background: #8a4b00; }
.swagger-ui .opblock.opblock-delete .opblock-summary-method { background: #b42318; }
.swagger-ui .opblock.opblock-patch .opblock-summary-method { background: #1b6b66; }
.swagger-ui .opblock.opblock-head .opblock-summary-method, .swagger-ui .opblock.opblock-options .opblock-summary-method { background: #4a3a8a; }
.swagger-ui .info .title small { background: #4b5563; }
.swagger-ui .info .title small.version-stamp { background: #1a7348; }
.swagger-ui .info .url, .swagger-ui .info a, .swagger-ui a.nostyle { color: #1d4ed8; }
`;
