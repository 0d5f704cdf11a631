using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// Every admin call must carry <c>Authorization: Bearer TOKEN</c>. A call without one is answered
/// 401 and one with another token 403, both with Garage's JSON error body.
/// </summary>
internal static class AdminAuthentication
{
    public static void Use(WebApplication app, string token, string region) => app.Use(async (context, next) =>
    {
        var header = context.Request.Headers.Authorization.ToString();
        IResult? refusal = null;
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            refusal = AdminErrors.Error(context, region, 401, "Unauthorized", "Authorization token must be provided");
        }
        else if (header["Bearer ".Length..] != token)
        {
            refusal = AdminErrors.Error(context, region, 403, "Forbidden", "Invalid authorization token");
        }

        if (refusal is null)
        {
            await next(context);
        }
        else
        {
            await refusal.ExecuteAsync(context);
        }
    });
}
