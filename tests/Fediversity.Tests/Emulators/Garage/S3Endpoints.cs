using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// The small part of Garage's S3 API that Fediversity uses, path-style only (<c>/BUCKET/KEY</c>, the
/// bucket named by its global alias): HeadBucket, ListObjectsV2, PutObject, GetObject, DeleteObject and
/// DeleteObjects. Listing and reading need the read flag, writing and deleting the write flag, and
/// HeadBucket any flag. Anything else is answered 501 NotImplemented.
/// </summary>
internal static class S3Endpoints
{
    private enum Need
    {
        Any,
        Read,
        Write,
    }

    public static void Map(WebApplication app, GarageEmulatorState state, string region)
    {
        app.MapMethods("/{bucket}", [HttpMethods.Head], (HttpContext c, string bucket) =>
            Run(c, state, region, bucket, Need.Any, _ => Results.Ok()));

        app.MapGet("/{bucket}", (HttpContext c, string bucket) => c.Request.Query["list-type"] == "2"
            ? Run(c, state, region, bucket, Need.Read, b => List(c, bucket, b))
            : NotImplemented(c));

        app.MapPost("/{bucket}", async (HttpContext c, string bucket) =>
        {
            if (!c.Request.Query.ContainsKey("delete"))
            {
                return NotImplemented(c);
            }

            var body = await S3Body.ReadAsync(c);
            return body is null
                ? Mismatch(c)
                : Run(c, state, region, bucket, Need.Write, b => DeleteMany(body, b));
        });

        app.MapPut("/{bucket}/{**key}", async (HttpContext c, string bucket, string key) =>
        {
            var body = await S3Body.ReadAsync(c);
            return body is null ? Mismatch(c) : Run(c, state, region, bucket, Need.Write, b =>
            {
                state.PutObject(b.Id, key, body);
                c.Response.Headers.ETag = b.Objects[key].ETag;
                return Results.Ok();
            });
        });

        app.MapGet("/{bucket}/{**key}", (HttpContext c, string bucket, string key) =>
            Run(c, state, region, bucket, Need.Read, b => b.Objects.TryGetValue(key, out var o)
                ? Results.Bytes(o.Data, "application/octet-stream")
                : S3Xml.Error(c, 404, "NoSuchKey", "the key does not exist")));

        app.MapDelete("/{bucket}/{**key}", (HttpContext c, string bucket, string key) =>
            Run(c, state, region, bucket, Need.Write, b =>
            {
                b.Objects.Remove(key);
                return Results.NoContent();
            }));
    }

    /// <summary>Authenticates, finds the bucket, checks the key's flags, then runs the operation locked.</summary>
    private static IResult Run(HttpContext context, GarageEmulatorState state, string region, string bucketName,
        Need need, Func<EmulatedBucket, IResult> operation)
    {
        var caller = S3Signature.Authenticate(context, state, region);
        if (caller.Key is null)
        {
            return S3Xml.Error(context, 403, caller.ErrorCode!, caller.ErrorMessage!);
        }

        lock (state.Gate)
        {
            var bucket = state.Buckets.Values.FirstOrDefault(b => b.GlobalAliases.Contains(bucketName));
            if (bucket is null)
            {
                return S3Xml.Error(context, 404, "NoSuchBucket", "the bucket does not exist");
            }

            var flags = bucket.PermissionsOf(caller.Key.Id);
            var allowed = need switch
            {
                Need.Read => flags.Read,
                Need.Write => flags.Write,
                _ => flags.Any,
            };
            return allowed
                ? operation(bucket)
                : S3Xml.Error(context, 403, "AccessDenied", "the access key has no such permission on this bucket");
        }
    }

    private static IResult List(HttpContext context, string name, EmulatedBucket bucket)
    {
        var query = context.Request.Query;
        var prefix = query["prefix"].ToString();
        var max = int.TryParse(query["max-keys"], out var m) ? Math.Clamp(m, 0, 1000) : 1000;
        var token = query["continuation-token"].ToString();
        var after = token.Length > 0
            ? Encoding.UTF8.GetString(Convert.FromBase64String(token))
            : query["start-after"].ToString();
        var encode = query["encoding-type"] == "url";

        var matching = bucket.Objects
            .Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(o.Key, after) > 0)
            .ToList();
        var page = matching.Take(max).ToList();
        var truncated = matching.Count > page.Count;

        var root = new XElement(S3Xml.Ns + "ListBucketResult",
            new XElement(S3Xml.Ns + "Name", name),
            new XElement(S3Xml.Ns + "Prefix", prefix),
            new XElement(S3Xml.Ns + "KeyCount", page.Count),
            new XElement(S3Xml.Ns + "MaxKeys", max),
            new XElement(S3Xml.Ns + "IsTruncated", truncated ? "true" : "false"),
            page.Select(o => new XElement(S3Xml.Ns + "Contents",
                new XElement(S3Xml.Ns + "Key", encode ? Uri.EscapeDataString(o.Key) : o.Key),
                new XElement(S3Xml.Ns + "LastModified", S3Xml.Timestamp(o.Value.Modified)),
                new XElement(S3Xml.Ns + "ETag", o.Value.ETag),
                new XElement(S3Xml.Ns + "Size", o.Value.Data.Length),
                new XElement(S3Xml.Ns + "StorageClass", "STANDARD"))));
        if (token.Length > 0)
        {
            root.Add(new XElement(S3Xml.Ns + "ContinuationToken", token));
        }

        if (truncated)
        {
            root.Add(new XElement(S3Xml.Ns + "NextContinuationToken",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(page[^1].Key))));
        }

        return S3Xml.Document(root);
    }

    private static IResult DeleteMany(byte[] body, EmulatedBucket bucket)
    {
        var request = XDocument.Parse(Encoding.UTF8.GetString(body)).Root!;
        var quiet = request.Elements().Any(e => e.Name.LocalName == "Quiet" && e.Value == "true");
        var keys = request.Elements().Where(e => e.Name.LocalName == "Object")
            .Select(e => e.Elements().First(k => k.Name.LocalName == "Key").Value)
            .ToList();
        foreach (var key in keys)
        {
            bucket.Objects.Remove(key);
        }

        return S3Xml.Document(new XElement(S3Xml.Ns + "DeleteResult",
            quiet ? null : keys.Select(k => new XElement(S3Xml.Ns + "Deleted", new XElement(S3Xml.Ns + "Key", k)))));
    }

    private static IResult Mismatch(HttpContext context) =>
        S3Xml.Error(context, 400, "XAmzContentSHA256Mismatch", "the body does not match its signed SHA-256");

    private static IResult NotImplemented(HttpContext context) =>
        S3Xml.Error(context, 501, "NotImplemented", "this S3 call is not part of the emulator");
}
