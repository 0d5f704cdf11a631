using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary><c>ListKeys</c>, <c>GetKeyInfo</c>, <c>CreateKey</c> and <c>DeleteKey</c>.</summary>
internal static class AdminKeyEndpoints
{
    public static void Map(WebApplication app, GarageEmulatorState state, string region)
    {
        app.MapGet("/v2/ListKeys", () =>
        {
            lock (state.Gate)
            {
                return Results.Json(state.Keys.Values.Select(AdminJson.KeyListItem).ToArray());
            }
        });

        app.MapGet("/v2/GetKeyInfo", (HttpContext context, string? id, string? search, bool? showSecretKey) =>
        {
            if ((id is null) == (search is null))
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest",
                    "exactly one of id or search must be given");
            }

            if (id is not null && !GarageEmulatorState.IsKeyId(id))
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest", $"invalid access key id: {id}");
            }

            lock (state.Gate)
            {
                var matches = state.Keys.Values.Where(k =>
                    k.Id == id ||
                    (search is not null && (k.Id.StartsWith(search, StringComparison.Ordinal) || k.Name == search)))
                    .ToList();
                return matches.Count switch
                {
                    0 => AdminErrors.Error(context, region, 404, "NoSuchAccessKey",
                        $"Access key not found: {id ?? search}"),
                    1 => Results.Json(AdminJson.Key(state, matches[0], showSecretKey == true)),
                    _ => AdminErrors.Error(context, region, 400, "InvalidRequest", "several keys match"),
                };
            }
        });

        app.MapPost("/v2/CreateKey", (Delegate)(async (HttpContext context) =>
        {
            var body = await AdminRequests.BodyAsync(context);
            if (body is null)
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest", "expected a CreateKeyRequest");
            }

            lock (state.Gate)
            {
                var key = state.AddKey(AdminRequests.Text(body, "name") ?? "");
                return Results.Json(AdminJson.Key(state, key, showSecret: true));
            }
        }));

        // Garage's description says the key's access is removed from every bucket, but what it does
        // is delete the key and leave its grants on the buckets: a client must not rely on DeleteKey
        // to revoke anything, and must not take a grant listed on a bucket as proof the key exists.
        app.MapPost("/v2/DeleteKey", (HttpContext context, string? id) =>
        {
            if (!GarageEmulatorState.IsKeyId(id))
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest", $"invalid access key id: {id}");
            }

            lock (state.Gate)
            {
                return state.Keys.Remove(id!)
                    ? Results.Ok()
                    : AdminErrors.Error(context, region, 404, "NoSuchAccessKey", $"Access key not found: {id}");
            }
        });
    }
}
