using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// Checks AWS Signature Version 4 in the Authorization header, as Garage does: the access key must
/// exist, the scope must name this region and service <c>s3</c>, and the signature over the canonical
/// request must match the key's secret. Limits: presigned URLs and anonymous access are not supported,
/// the per-chunk signatures of streaming uploads are not checked (only the header's), and the request
/// time is not compared with the clock.
/// </summary>
internal static class S3Signature
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    public static S3Caller Authenticate(HttpContext context, GarageEmulatorState state, string region)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return S3Caller.Refused("AccessDenied", "only AWS4-HMAC-SHA256 signed requests are accepted");
        }

        var fields = header[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) ||
            !fields.TryGetValue("SignedHeaders", out var signedHeaders) ||
            !fields.TryGetValue("Signature", out var signature))
        {
            return S3Caller.Refused("AuthorizationHeaderMalformed", "the Authorization header is malformed");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[2] != region || scope[3] != "s3" || scope[4] != "aws4_request")
        {
            return S3Caller.Refused("AuthorizationHeaderMalformed",
                $"the credential scope must be for region {region}");
        }

        EmulatedKey? key;
        lock (state.Gate)
        {
            key = state.Keys.GetValueOrDefault(scope[0]);
        }

        if (key is null)
        {
            return S3Caller.Refused("InvalidAccessKeyId", "the access key id does not exist");
        }

        var stringToSign = string.Join('\n', Algorithm, context.Request.Headers["x-amz-date"].ToString(),
            string.Join('/', scope[1..]), Hex(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalRequest(context,
                signedHeaders)))));
        var signingKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + key.Secret), scope[1]);
        signingKey = Hmac(Hmac(Hmac(signingKey, scope[2]), scope[3]), scope[4]);
        var expected = Hex(Hmac(signingKey, stringToSign));
        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
        return matches
            ? new S3Caller(key, null, null)
            : S3Caller.Refused("SignatureDoesNotMatch", "the request signature does not match");
    }

    private static string CanonicalRequest(HttpContext context, string signedHeaders)
    {
        var target = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        var mark = target.IndexOf('?', StringComparison.Ordinal);
        var path = mark < 0 ? target : target[..mark];
        var query = mark < 0 ? "" : target[(mark + 1)..];

        var canonicalQuery = string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: Encode(Uri.UnescapeDataString(p[0])),
                Value: Encode(Uri.UnescapeDataString(p.Length > 1 ? p[1] : ""))))
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

        var headers = new StringBuilder();
        foreach (var name in signedHeaders.Split(';'))
        {
            var value = string.Join(',', context.Request.Headers[name].Select(v => Collapse(v ?? "")));
            headers.Append(name).Append(':').Append(value).Append('\n');
        }

        return string.Join('\n', context.Request.Method, path, canonicalQuery, headers.ToString(), signedHeaders,
            context.Request.Headers["x-amz-content-sha256"].ToString());
    }

    private static string Collapse(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Encode(string value)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2"));
            }
        }

        return text.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
