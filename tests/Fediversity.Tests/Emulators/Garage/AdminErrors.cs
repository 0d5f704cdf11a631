using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// Garage's admin error answers. The OpenAPI description gives only the status codes; the body is the
/// JSON object Garage itself sends: <c>code</c>, <c>message</c>, <c>region</c> and <c>path</c>.
/// </summary>
internal static class AdminErrors
{
    public static IResult Error(HttpContext context, string region, int status, string code, string message) =>
        Results.Json(
            new { code, message, region, path = context.Request.Path.Value },
            statusCode: status);
}
