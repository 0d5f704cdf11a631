using System.Collections.Immutable;
using System.Security.Cryptography;
using Fediversity.Resources;
using Fediversity.Resources.Kinds;
using Fediversity.Resources.Providers;
using Fediversity.Resources.Values;

namespace Fediversity.Providers.Local;

/// <summary>
/// Generates a strong random password (or takes the one the operator chose). It lives only in the
/// state store, encrypted; it changes only when its resource is replaced.
/// </summary>
public sealed class PasswordProvider : ResourceProvider
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public override string Kind => PasswordKind.Kind;

    /// <inheritdoc/>
    public override bool ActsOutside => false;

    public override ResourceSchema Schema { get; } =
        ResourceSchema.Default with { ReplaceOn = [PasswordKind.Length, PasswordKind.Format, PasswordKind.Chosen] };

    public override Task<ImmutableSortedDictionary<string, ResourceValue>> CreateAsync(
        ResourceRequest request, CancellationToken cancellationToken)
    {
        var value = request.Inputs.GetValueOrDefault(PasswordKind.Chosen) is SecretValue chosen
            ? chosen.Secret
            : Generate(request.OptionalText(PasswordKind.Format) ?? "alphanumeric", (int)request.Number(PasswordKind.Length));

        var outputs = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, ResourceValue>
        {
            [PasswordKind.Value] = ResourceValue.Of(value),
        });
        return Task.FromResult(outputs);
    }

    public override Task DeleteAsync(ResourceRecord record, IStepReporter reporter, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    public static Secret Generate(string format, int length) => format switch
    {
        "alphanumeric" => new Secret(RandomNumberGenerator.GetString(Alphabet, length)),
        "hex" => new Secret(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes((length + 1) / 2))[..length]),
        "laravel-key" => new Secret("base64:" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))),
        _ => throw new ProviderException($"unknown password format '{format}'; use alphanumeric, hex or laravel-key"),
    };
}
