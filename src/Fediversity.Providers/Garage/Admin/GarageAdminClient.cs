using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Fediversity.Resources;
using Fediversity.Resources.Providers;

namespace Fediversity.Providers.Garage.Admin;

/// <summary>
/// The calls of Garage's admin API v2 that the providers make. Lookups of something that does not
/// exist give <c>null</c> (or <c>false</c> for deletes) instead of an error; every other failure is a
/// <see cref="ProviderException"/> whose message never holds the admin token.
/// </summary>
internal sealed class GarageAdminClient(GarageOptions options, HttpClient http, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly TimeSpan[] ReadRetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    private readonly string baseUrl = options.AdminEndpoint.AbsoluteUri.TrimEnd('/') + "/v2/";

    public Task<BucketInfo?> FindBucketByAliasAsync(string alias, CancellationToken cancellationToken) =>
        GetAsync<BucketInfo>($"GetBucketInfo?globalAlias={Escape(alias)}", cancellationToken);

    public Task<BucketInfo?> GetBucketAsync(string id, CancellationToken cancellationToken) =>
        GetAsync<BucketInfo>($"GetBucketInfo?id={Escape(id)}", cancellationToken);

    public async Task<BucketInfo> CreateBucketAsync(string alias, CancellationToken cancellationToken) =>
        await PostAsync<BucketInfo>("CreateBucket", new { globalAlias = alias }, cancellationToken)
        ?? throw Unexpected("CreateBucket");

    /// <summary>Deletes an empty bucket; <c>false</c> when it was already gone.</summary>
    public Task<bool> DeleteBucketAsync(string id, CancellationToken cancellationToken) =>
        PostFoundAsync($"DeleteBucket?id={Escape(id)}", cancellationToken);

    public async Task<IReadOnlyList<KeyListItem>> ListKeysAsync(CancellationToken cancellationToken) =>
        await GetAsync<List<KeyListItem>>("ListKeys", cancellationToken) ?? [];

    public Task<KeyInfo?> GetKeyAsync(string id, bool showSecretKey, CancellationToken cancellationToken) =>
        GetAsync<KeyInfo>(
            $"GetKeyInfo?id={Escape(id)}" + (showSecretKey ? "&showSecretKey=true" : ""), cancellationToken);

    public async Task<KeyInfo> CreateKeyAsync(string name, CancellationToken cancellationToken) =>
        await PostAsync<KeyInfo>("CreateKey", new { name }, cancellationToken) ?? throw Unexpected("CreateKey");

    /// <summary>Deletes an access key; <c>false</c> when it was already gone.</summary>
    public Task<bool> DeleteKeyAsync(string id, CancellationToken cancellationToken) =>
        PostFoundAsync($"DeleteKey?id={Escape(id)}", cancellationToken);

    /// <summary>Turns on the flags that are <c>true</c>; Garage leaves the others as they were.</summary>
    public Task<BucketInfo?> AllowAsync(
        string bucketId, string accessKeyId, BucketPermissions flags, CancellationToken cancellationToken) =>
        PostAsync<BucketInfo>("AllowBucketKey", PermissionChange(bucketId, accessKeyId, flags), cancellationToken);

    /// <summary>Turns off the flags that are <c>true</c>; Garage leaves the others as they were.</summary>
    public Task<BucketInfo?> DenyAsync(
        string bucketId, string accessKeyId, BucketPermissions flags, CancellationToken cancellationToken) =>
        PostAsync<BucketInfo>("DenyBucketKey", PermissionChange(bucketId, accessKeyId, flags), cancellationToken);

    private static object PermissionChange(string bucketId, string accessKeyId, BucketPermissions flags) =>
        new { bucketId, accessKeyId, permissions = flags };

    private async Task<T?> GetAsync<T>(string pathAndQuery, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, cancellationToken);
                return response is null ? null : await ReadAsync<T>(response, pathAndQuery, cancellationToken);
            }
            catch (ProviderException e) when (e.IsTransient && attempt < ReadRetryDelays.Length)
            {
                await Task.Delay(ReadRetryDelays[attempt], time, cancellationToken);
            }
        }
    }

    private async Task<T?> PostAsync<T>(string pathAndQuery, object body, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await SendAsync(HttpMethod.Post, pathAndQuery, body, cancellationToken);
        return response is null ? null : await ReadAsync<T>(response, pathAndQuery, cancellationToken);
    }

    private async Task<bool> PostFoundAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, pathAndQuery, null, cancellationToken);
        return response is not null;
    }

    /// <summary>Sends one call; <c>null</c> when Garage answers 404, an exception for any other failure.</summary>
    private async Task<HttpResponseMessage?> SendAsync(
        HttpMethod method, string pathAndQuery, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, baseUrl + pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.AdminToken.Reveal());
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(e);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            throw await FailureAsync(response, Operation(pathAndQuery), cancellationToken);
        }
    }

    private static async Task<T> ReadAsync<T>(
        HttpResponseMessage response, string pathAndQuery, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                ?? throw Unexpected(Operation(pathAndQuery));
        }
        catch (JsonException e)
        {
            throw new ProviderException(
                $"Garage's answer to {Operation(pathAndQuery)} is not the JSON its admin API v2 documents: " +
                $"{e.Message} Check that the admin endpoint is a Garage 2.x admin API.", e);
        }
    }

    private async Task<GarageApiException> FailureAsync(
        HttpResponseMessage response, string operation, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        GarageErrorBody? error = null;
        try
        {
            error = body.Length > 0 ? JsonSerializer.Deserialize<GarageErrorBody>(body, Json) : null;
        }
        catch (JsonException)
        {
            // Not Garage's JSON error body (a proxy's page, say): the status is all we say.
        }

        var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
        var detail = Scrub(error?.Message ?? "");
        var message = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                $"Garage refused the admin token ({status}) on {operation}: check the admin token file " +
                $"of the storage settings and that the token is allowed to manage buckets and keys. {detail}",
            _ => $"Garage answered {status}{(error?.Code is { } c ? " " + c : "")} to {operation}: {detail}",
        };
        return new GarageApiException(message.TrimEnd(), response.StatusCode, error?.Code);
    }

    private ProviderException Unreachable(Exception e) =>
        new($"cannot reach Garage's admin API at {options.AdminEndpoint}: {Scrub(e.Message)}", e)
        {
            IsTransient = true,
        };

    private static ProviderException Unexpected(string operation) =>
        new($"Garage answered {operation} with an empty body; check that the admin endpoint is Garage 2.x");

    private string Scrub(string text) => text.Replace(options.AdminToken.Reveal(), Secret.Mask);

    private static string Operation(string pathAndQuery) => pathAndQuery.Split('?')[0];

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
