using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Fediversity.Tests.Emulators.Garage;

/// <summary>The emulator refuses the calls that real Garage refuses, so that a wrong client fails here too.</summary>
public sealed class GarageEmulatorTests : IAsyncLifetime
{
    private const string Token = "emulator-self-test-token";

    private readonly HttpClient http = new();

    private GarageEmulator emulator = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        emulator = await GarageEmulator.StartAsync(Token, "garage", TimeProvider.System, Ct);

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await emulator.DisposeAsync();
    }

    [Fact]
    public async Task AdminCall_WithoutToken_Is401WithGarageErrorBody()
    {
        using var response = await http.GetAsync(new Uri(emulator.AdminEndpoint, "v2/ListKeys"), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>(Ct);
        Assert.NotNull(body!["code"]);
        Assert.NotNull(body["message"]);
    }

    [Fact]
    public async Task AdminCall_WithWrongToken_Is403()
    {
        using var response = await SendAsync(HttpMethod.Get, "ListKeys", null, token: "wrong");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task MalformedIds_Are400()
    {
        using var bucket = await SendAsync(HttpMethod.Get, "GetBucketInfo?id=acme-media", null);
        using var key = await SendAsync(HttpMethod.Get, "GetKeyInfo?id=acme-key", null);
        using var delete = await SendAsync(HttpMethod.Post, "DeleteKey?id=GKXYZ", null);

        Assert.Equal(HttpStatusCode.BadRequest, bucket.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, key.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
    }

    [Fact]
    public async Task CreatedIds_HaveGarageShapes()
    {
        using var bucket = await SendAsync(HttpMethod.Post, "CreateBucket", new { globalAlias = "acme-media" });
        using var key = await SendAsync(HttpMethod.Post, "CreateKey", new { name = "acme" });

        var bucketId = (await bucket.Content.ReadFromJsonAsync<JsonObject>(Ct))!["id"]!.GetValue<string>();
        var keyInfo = (await key.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
        Assert.Matches("^[0-9a-f]{64}$", bucketId);
        Assert.Matches("^GK[0-9a-f]{24}$", keyInfo["accessKeyId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", keyInfo["secretAccessKey"]!.GetValue<string>());
    }

    [Fact]
    public async Task AllowWithFalse_LeavesTheFlag_OnlyDenyWithTrueRevokes()
    {
        var (bucket, key) = Setup();
        emulator.State.SetGrant(bucket.Id, key.Id, new EmulatedPermissions(true, true, false));

        using var allow = await SendAsync(HttpMethod.Post, "AllowBucketKey", new
        {
            bucketId = bucket.Id,
            accessKeyId = key.Id,
            permissions = new { read = false, write = false, owner = true },
        });
        Assert.Equal(new EmulatedPermissions(true, true, true), emulator.State.GrantOf(bucket.Id, key.Id));

        using var deny = await SendAsync(HttpMethod.Post, "DenyBucketKey", new
        {
            bucketId = bucket.Id,
            accessKeyId = key.Id,
            permissions = new { read = false, write = true, owner = false },
        });
        Assert.Equal(new EmulatedPermissions(true, false, true), emulator.State.GrantOf(bucket.Id, key.Id));
        Assert.Equal(HttpStatusCode.OK, deny.StatusCode);
    }

    [Fact]
    public async Task DeleteBucket_WithObjects_Is400AndKeepsIt()
    {
        var (bucket, _) = Setup();
        emulator.State.PutObject(bucket.Id, "a.png", [1]);

        using var response = await SendAsync(HttpMethod.Post, $"DeleteBucket?id={bucket.Id}", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(emulator.State.Buckets.ContainsKey(bucket.Id));
    }

    [Fact]
    public async Task DeleteKey_LeavesItsGrantOnTheBucket()
    {
        var (bucket, key) = Setup();
        emulator.State.SetGrant(bucket.Id, key.Id, new EmulatedPermissions(true, false, false));

        using var delete = await SendAsync(HttpMethod.Post, $"DeleteKey?id={key.Id}", null);
        using var info = await SendAsync(HttpMethod.Get, $"GetBucketInfo?id={bucket.Id}", null);
        using var again = await SendAsync(HttpMethod.Post, $"DeleteKey?id={key.Id}", null);

        var keys = (await info.Content.ReadFromJsonAsync<JsonObject>(Ct))!["keys"]!.AsArray();
        Assert.Equal(key.Id, Assert.Single(keys)!["accessKeyId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task S3_RefusesUnknownKeysWrongSecretsAndKeysWithoutTheFlag()
    {
        var (bucket, key) = Setup();
        var other = emulator.State.AddKey("other");
        emulator.State.SetGrant(bucket.Id, key.Id, new EmulatedPermissions(true, false, false));

        var unknown = await ListAsync("GK" + new string('0', 24), key.Secret);
        var wrongSecret = await ListAsync(key.Id, other.Secret);
        var noGrant = await ListAsync(other.Id, other.Secret);
        var readOnlyPut = await Assert.ThrowsAsync<AmazonS3Exception>(() => PutAsync(key.Id, key.Secret));

        Assert.Equal("InvalidAccessKeyId", unknown!.ErrorCode);
        Assert.Equal("SignatureDoesNotMatch", wrongSecret!.ErrorCode);
        Assert.Equal("AccessDenied", noGrant!.ErrorCode);
        Assert.Equal("AccessDenied", readOnlyPut.ErrorCode);
        Assert.Null(await ListAsync(key.Id, key.Secret));
    }

    [Fact]
    public async Task S3_AcceptsTheSdksDefaultStreamingUpload()
    {
        var (bucket, key) = Setup();
        emulator.State.SetGrant(bucket.Id, key.Id, new EmulatedPermissions(true, true, false));

        await PutAsync(key.Id, key.Secret, chunked: true);

        Assert.Equal("streamed"u8.ToArray(), emulator.State.Buckets[bucket.Id].Objects["a/b c.txt"].Data);
    }

    private (EmulatedBucket Bucket, EmulatedKey Key) Setup() =>
        (emulator.State.AddBucket("acme-media"), emulator.State.AddKey("acme"));

    private async Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, object? body, string token = Token)
    {
        using var request = new HttpRequestMessage(method, new Uri(emulator.AdminEndpoint, "v2/" + path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Content = body is null ? null : JsonContent.Create(body);
        return await http.SendAsync(request, Ct);
    }

    private AmazonS3Client S3(string keyId, string secret) => new(new BasicAWSCredentials(keyId, secret),
        new AmazonS3Config
        {
            ServiceURL = emulator.S3Endpoint.AbsoluteUri,
            ForcePathStyle = true,
            AuthenticationRegion = "garage",
            MaxErrorRetry = 0,
        });

    private async Task<AmazonS3Exception?> ListAsync(string keyId, string secret)
    {
        using var s3 = S3(keyId, secret);
        try
        {
            await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = "acme-media" }, Ct);
            return null;
        }
        catch (AmazonS3Exception e)
        {
            return e;
        }
    }

    private async Task PutAsync(string keyId, string secret, bool chunked = false)
    {
        using var s3 = S3(keyId, secret);
        await s3.PutObjectAsync(
            new PutObjectRequest
            {
                BucketName = "acme-media", Key = "a/b c.txt", ContentBody = "streamed", UseChunkEncoding = chunked,
            },
            Ct);
    }
}
