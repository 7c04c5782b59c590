// Swagger UI on the local stack's own document, with nothing fetched from elsewhere: no online
// validator badge. "Authorize" takes a dev token (dev-alice) as the bearer token.
window.ui = SwaggerUIBundle({
  url: "/openapi.yaml",
  dom_id: "#swagger-ui",
  deepLinking: true,
  displayOperationId: true,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: "BaseLayout",
  persistAuthorization: true
});
