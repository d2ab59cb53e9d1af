// Starts the vendored Swagger UI on /openapi.json (a file, not inline script, so the CSP holds).
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
