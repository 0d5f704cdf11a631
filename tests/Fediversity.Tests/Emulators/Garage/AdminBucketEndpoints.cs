using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary><c>GetBucketInfo</c>, <c>ListBuckets</c>, <c>CreateBucket</c> and <c>DeleteBucket</c>.</summary>
internal static partial class AdminBucketEndpoints
{
    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();

    public static void Map(WebApplication app, GarageEmulatorState state, string region)
    {
        app.MapGet("/v2/GetBucketInfo", (HttpContext context, string? id, string? globalAlias, string? search) =>
        {
            if (new[] { id, globalAlias, search }.Count(v => v is not null) != 1)
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest",
                    "exactly one of id, globalAlias or search must be given");
            }

            if (id is not null && !GarageEmulatorState.IsBucketId(id))
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest", $"invalid bucket id: {id}");
            }

            lock (state.Gate)
            {
                var matches = state.Buckets.Values.Where(b =>
                    (id is not null && b.Id == id) ||
                    (globalAlias is not null && b.GlobalAliases.Contains(globalAlias)) ||
                    (search is not null && (b.Id.StartsWith(search, StringComparison.Ordinal) ||
                        b.GlobalAliases.Contains(search)))).ToList();
                return matches.Count switch
                {
                    0 => AdminErrors.Error(context, region, 404, "NoSuchBucket",
                        $"Bucket not found: {id ?? globalAlias ?? search}"),
                    1 => Results.Json(AdminJson.Bucket(state, matches[0])),
                    _ => AdminErrors.Error(context, region, 400, "InvalidRequest", "several buckets match"),
                };
            }
        });

        app.MapGet("/v2/ListBuckets", () =>
        {
            lock (state.Gate)
            {
                return Results.Json(state.Buckets.Values.Select(b => new
                {
                    id = b.Id,
                    created = b.Created,
                    globalAliases = b.GlobalAliases.ToArray(),
                    localAliases = Array.Empty<object>(),
                }).ToArray());
            }
        });

        app.MapPost("/v2/CreateBucket", (Delegate)(async (HttpContext context) =>
        {
            var body = await AdminRequests.BodyAsync(context);
            if (body is null || body["localAlias"] is not null)
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest",
                    "expected a CreateBucketRequest (this emulator supports global aliases only)");
            }

            var alias = AdminRequests.Text(body, "globalAlias");
            if (alias is not null && !BucketName().IsMatch(alias))
            {
                return AdminErrors.Error(context, region, 400, "InvalidBucketName", $"Invalid bucket name: {alias}");
            }

            lock (state.Gate)
            {
                if (alias is not null && state.FindByAlias(alias) is not null)
                {
                    return AdminErrors.Error(context, region, 409, "BucketAlreadyExists",
                        $"Bucket already exists: {alias}");
                }

                return Results.Json(AdminJson.Bucket(state, state.AddBucket(alias)));
            }
        }));

        app.MapPost("/v2/DeleteBucket", (HttpContext context, string? id) =>
        {
            if (!GarageEmulatorState.IsBucketId(id))
            {
                return AdminErrors.Error(context, region, 400, "InvalidRequest", $"invalid bucket id: {id}");
            }

            lock (state.Gate)
            {
                if (!state.Buckets.TryGetValue(id!, out var bucket))
                {
                    return AdminErrors.Error(context, region, 404, "NoSuchBucket", $"Bucket not found: {id}");
                }

                if (bucket.Objects.Count > 0)
                {
                    return AdminErrors.Error(context, region, 400, "BucketNotEmpty",
                        "Tried to delete a non-empty bucket");
                }

                state.Buckets.Remove(id!);
                return Results.Ok();
            }
        });
    }
}
