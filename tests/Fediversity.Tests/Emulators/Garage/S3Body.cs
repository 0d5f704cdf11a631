using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>
/// Reads an S3 request body: plain, or in the <c>aws-chunked</c> framing the AWS SDK uses for
/// streaming uploads (the chunk signatures are not checked). A plain body must match the SHA-256 the
/// client signed, unless the client declared it unsigned.
/// </summary>
internal static class S3Body
{
    public static async Task<byte[]?> ReadAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var raw = buffer.ToArray();

        var declared = context.Request.Headers["x-amz-content-sha256"].ToString();
        if (declared.StartsWith("STREAMING-", StringComparison.Ordinal))
        {
            return Unchunk(raw);
        }

        return declared == "UNSIGNED-PAYLOAD" || declared == Convert.ToHexStringLower(SHA256.HashData(raw))
            ? raw
            : null;
    }

    private static byte[] Unchunk(byte[] raw)
    {
        using var data = new MemoryStream();
        var at = 0;
        while (at < raw.Length)
        {
            var end = raw.AsSpan(at).IndexOf("\r\n"u8);
            var line = Encoding.ASCII.GetString(raw, at, end);
            var size = Convert.ToInt32(line.Split(';')[0], 16);
            at += end + 2;
            if (size == 0)
            {
                break;
            }

            data.Write(raw, at, size);
            at += size + 2;
        }

        return data.ToArray();
    }
}
