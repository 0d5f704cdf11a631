using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fediversity.Panel.Data;

/// <summary>Stores instants as unix milliseconds, which every database orders and compares alike.</summary>
internal static class UnixMilliseconds
{
    public static ValueConverter<DateTimeOffset, long> Converter { get; } =
        new(v => v.ToUnixTimeMilliseconds(), v => DateTimeOffset.FromUnixTimeMilliseconds(v));

    public static ValueConverter<DateTimeOffset?, long?> NullableConverter { get; } = new(
        v => v.HasValue ? v.Value.ToUnixTimeMilliseconds() : null,
        v => v.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds(v.Value) : null);
}
