using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// <c>AllowBucketKey</c> and <c>DenyBucketKey</c> with Garage's semantics: only a flag sent as
/// <c>true</c> is changed (turned on by Allow, off by Deny); a flag sent as <c>false</c> or left out
/// keeps its value. A client that sends <c>false</c> to revoke is left with the permission.
/// </summary>
internal static class AdminPermissionEndpoints
{
    public static void Map(WebApplication app, GarageEmulatorState state, string region)
    {
        app.MapPost("/v2/AllowBucketKey", (Delegate)((HttpContext c) => ChangeAsync(c, state, region, allow: true)));
        app.MapPost("/v2/DenyBucketKey", (Delegate)((HttpContext c) => ChangeAsync(c, state, region, allow: false)));
    }

    private static async Task<IResult> ChangeAsync(
        HttpContext context, GarageEmulatorState state, string region, bool allow)
    {
        var body = await AdminRequests.BodyAsync(context);
        var bucketId = body is null ? null : AdminRequests.Text(body, "bucketId");
        var keyId = body is null ? null : AdminRequests.Text(body, "accessKeyId");
        if (body?["permissions"] is not JsonObject permissions || bucketId is null || keyId is null)
        {
            return AdminErrors.Error(context, region, 400, "InvalidRequest",
                "bucketId, accessKeyId and permissions are required");
        }

        var (read, write, owner) = (AdminRequests.Flag(permissions, "read"),
            AdminRequests.Flag(permissions, "write"), AdminRequests.Flag(permissions, "owner"));
        if (read is null || write is null || owner is null)
        {
            return AdminErrors.Error(context, region, 400, "InvalidRequest", "permission flags must be booleans");
        }

        if (!GarageEmulatorState.IsBucketId(bucketId) || !GarageEmulatorState.IsKeyId(keyId))
        {
            return AdminErrors.Error(context, region, 400, "InvalidRequest", "invalid bucket id or access key id");
        }

        lock (state.Gate)
        {
            if (!state.Buckets.TryGetValue(bucketId, out var bucket))
            {
                return AdminErrors.Error(context, region, 404, "NoSuchBucket", $"Bucket not found: {bucketId}");
            }

            if (!state.Keys.ContainsKey(keyId))
            {
                return AdminErrors.Error(context, region, 404, "NoSuchAccessKey", $"Access key not found: {keyId}");
            }

            var now = bucket.PermissionsOf(keyId);
            bucket.Grants[keyId] = allow
                ? new EmulatedPermissions(now.Read || read.Value, now.Write || write.Value, now.Owner || owner.Value)
                : new EmulatedPermissions(
                    now.Read && !read.Value, now.Write && !write.Value, now.Owner && !owner.Value);
            return Results.Json(AdminJson.Bucket(state, bucket));
        }
    }
}
