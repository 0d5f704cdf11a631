using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Local;

/// <summary>
/// Makes an SSH key pair (ECDSA P-256) on this machine; nothing remote is touched. The public key is
/// written in OpenSSH's one-line form by hand because the framework has no OpenSSH key writer; the
/// private key is the standard PEM form that both OpenSSH and SSH.NET read.
/// </summary>
public sealed class SshKeyProvider : ResourceProvider
{
    public override string Kind => SshKeyKind.Kind;

    /// <inheritdoc/>
    public override bool ActsOutside => false;

    public override ResourceSchema Schema { get; } = ResourceSchema.Default with { ReplaceOn = [SshKeyKind.Comment] };

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = PublicKeyLine(key, request.Text(SshKeyKind.Comment));
        request.Reporter.Report("generated a new ECDSA P-256 key pair");

        var outputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ResourceValue>
        {
            [SshKeyKind.PublicKey] = ResourceValue.Of(publicKey),
            [SshKeyKind.PrivateKey] = ResourceValue.Of(new Secret(key.ExportECPrivateKeyPem())),
        });
        return Task.FromResult(outputs);
    }

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>The key as an <c>authorized_keys</c> line: <c>ecdsa-sha2-nistp256 BASE64 comment</c>.</summary>
    public static string PublicKeyLine(ECDsa key, string comment)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        var point = new byte[1 + parameters.Q.X!.Length + parameters.Q.Y!.Length];
        point[0] = 0x04;
        parameters.Q.X.CopyTo(point, 1);
        parameters.Q.Y.CopyTo(point, 1 + parameters.Q.X.Length);

        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ecdsa-sha2-nistp256"));
        WriteString(blob, Encoding.ASCII.GetBytes("nistp256"));
        WriteString(blob, point);
        return $"ecdsa-sha2-nistp256 {Convert.ToBase64String(blob.ToArray())} {comment}";
    }

    private static void WriteString(Stream stream, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
