namespace Fediversity.Configurator.Nix;

/// <summary>The S3 bucket the application keeps its media in. The access key id and secret reach the
/// machine in secret files only.</summary>
/// <param name="Endpoint">The S3 API's base URL, for example <c>https://s3.garage.example</c>.</param>
/// <param name="Region">The S3 region; Garage calls its own <c>garage</c> unless configured otherwise.</param>
/// <param name="Bucket">The bucket's name.</param>
/// <param name="PublicBaseUrl">The URL under which visitors read the bucket's objects, without a trailing
/// slash. <see langword="null"/> means path-style under the endpoint: <c>{Endpoint}/{Bucket}</c>.</param>
public sealed record S3Spec(string Endpoint, string Region, string Bucket, string? PublicBaseUrl = null);
