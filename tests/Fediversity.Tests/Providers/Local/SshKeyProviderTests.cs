using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fediversity.Providers.Local;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Values;
using Fediversity.Tests.TestSupport;
using static Fediversity.Tests.TestSupport.TestResources;

namespace Fediversity.Tests.Providers.Local;

public sealed class SshKeyProviderTests
{
    private static async Task<(string PublicKey, string PrivateKey)> CreateAsync(string comment)
    {
        var outputs = await new SshKeyProvider().CreateAsync(
            Request("acme/ssh-key", ValueMaps.Of((SshKeyKind.Comment, ResourceValue.Of(comment)))),
            TestContext.Current.CancellationToken);
        var privateKey = Assert.IsType<SecretValue>(outputs[SshKeyKind.PrivateKey]).Secret.Reveal();
        return (((TextValue)outputs[SshKeyKind.PublicKey]).Text, privateKey);
    }

    /// <summary>Reads the length-prefixed strings of an OpenSSH public key blob.</summary>
    private static List<byte[]> Fields(byte[] blob)
    {
        var fields = new List<byte[]>();
        var rest = blob.AsSpan();
        while (rest.Length > 0)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(rest);
            fields.Add(rest.Slice(4, length).ToArray());
            rest = rest[(4 + length)..];
        }

        return fields;
    }

    [Fact]
    public async Task CreateAsync_PublicKey_IsAnOpenSshLineWithTypeBlobAndComment()
    {
        var (publicKey, _) = await CreateAsync("fediversity@acme");

        var parts = publicKey.Split(' ');
        Assert.Equal(3, parts.Length);
        Assert.Equal("ecdsa-sha2-nistp256", parts[0]);
        Assert.Equal("fediversity@acme", parts[2]);

        var fields = Fields(Convert.FromBase64String(parts[1]));
        Assert.Equal(3, fields.Count);
        Assert.Equal("ecdsa-sha2-nistp256", Encoding.ASCII.GetString(fields[0]));
        Assert.Equal("nistp256", Encoding.ASCII.GetString(fields[1]));
        Assert.Equal(65, fields[2].Length);
        Assert.Equal(0x04, fields[2][0]);
    }

    [Fact]
    public async Task CreateAsync_PrivateKey_LoadsAndMatchesThePublicKey()
    {
        var (publicKey, privateKey) = await CreateAsync("fediversity@acme");

        using var key = ECDsa.Create();
        key.ImportFromPem(privateKey);

        Assert.Equal(256, key.KeySize);
        Assert.Equal(publicKey, SshKeyProvider.PublicKeyLine(key, "fediversity@acme"));
        var point = Fields(Convert.FromBase64String(publicKey.Split(' ')[1]))[2];
        var q = key.ExportParameters(false).Q;
        Assert.Equal([0x04, .. q.X!, .. q.Y!], point);
    }

    [Fact]
    public async Task CreateAsync_PrivateKeyCanSignWhatThePublicKeyVerifies()
    {
        var (publicKey, privateKey) = await CreateAsync("c");
        using var signer = ECDsa.Create();
        signer.ImportFromPem(privateKey);
        var point = Fields(Convert.FromBase64String(publicKey.Split(' ')[1]))[2];
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });

        var signature = signer.SignData("hello"u8, HashAlgorithmName.SHA256);

        Assert.True(verifier.VerifyData("hello"u8, signature, HashAlgorithmName.SHA256));
    }

    [Fact]
    public async Task CreateAsync_Twice_MakesDifferentKeys()
    {
        var (first, _) = await CreateAsync("c");
        var (second, _) = await CreateAsync("c");

        Assert.NotEqual(first, second);
    }
}
