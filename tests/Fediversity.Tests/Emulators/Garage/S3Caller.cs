namespace Fediversity.Tests.Emulators.Garage;

/// <summary>Who signed an S3 request: the key, or why the request is refused.</summary>
internal sealed record S3Caller(EmulatedKey? Key, string? ErrorCode, string? ErrorMessage)
{
    public static S3Caller Refused(string code, string message) => new(null, code, message);
}
