using System.Collections.Immutable;
using System.Text.Json;

namespace Fediversity.Resources.Values;

/// <summary>
/// Writes and reads values as JSON. Secrets go through a codec chosen by the caller: encryption for
/// the state store, a mask for plans and events. There is no way to write a secret in clear here.
/// </summary>
public static class ValueJson
{
    private const string SecretKey = "$secret";
    private const string ReferenceKey = "$ref";
    private const string TemplateKey = "$template";

    public static void Write(Utf8JsonWriter writer, ResourceValue value, Func<Secret, string> protect)
    {
        switch (value)
        {
            case TextValue t: writer.WriteStringValue(t.Text); break;
            case NumberValue n: writer.WriteNumberValue(n.Number); break;
            case FlagValue f: writer.WriteBooleanValue(f.Flag); break;
            case SecretValue s:
                writer.WriteStartObject();
                writer.WriteString(SecretKey, protect(s.Secret));
                writer.WriteEndObject();
                break;
            case ListValue l:
                writer.WriteStartArray();
                foreach (var item in l.Items)
                {
                    Write(writer, item, protect);
                }

                writer.WriteEndArray();
                break;
            case MapValue m:
                writer.WriteStartObject();
                foreach (var (key, item) in m.Entries)
                {
                    writer.WritePropertyName(key);
                    Write(writer, item, protect);
                }

                writer.WriteEndObject();
                break;
            case OutputReference r:
                writer.WriteStartObject();
                writer.WriteString(ReferenceKey, r.Address.Value);
                writer.WriteString("output", r.Output);
                writer.WriteEndObject();
                break;
            case Template t:
                writer.WriteStartObject();
                writer.WritePropertyName(TemplateKey);
                Write(writer, new ListValue(t.Parts), protect);
                writer.WriteEndObject();
                break;
            default:
                throw new InvalidOperationException($"Unknown value type {value.GetType().Name}.");
        }
    }

    public static void WriteMap(
        Utf8JsonWriter writer, IReadOnlyDictionary<string, ResourceValue> map, Func<Secret, string> protect) =>
        Write(writer, new MapValue(map.ToImmutableSortedDictionary(StringComparer.Ordinal)), protect);

    public static string SerializeMap(IReadOnlyDictionary<string, ResourceValue> map, Func<Secret, string> protect)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteMap(writer, map, protect);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ImmutableSortedDictionary<string, ResourceValue> DeserializeMap(
        string json, Func<string, Secret> unprotect)
    {
        using var document = JsonDocument.Parse(json);
        return Read(document.RootElement, unprotect) is MapValue map
            ? map.Entries
            : throw new JsonException("Expected a JSON object of values.");
    }

    public static ResourceValue Read(JsonElement element, Func<string, Secret> unprotect)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String: return new TextValue(element.GetString()!);
            case JsonValueKind.Number: return new NumberValue(element.GetInt64());
            case JsonValueKind.True: return new FlagValue(true);
            case JsonValueKind.False: return new FlagValue(false);
            case JsonValueKind.Array:
                return new ListValue([.. element.EnumerateArray().Select(e => Read(e, unprotect))]);
            case JsonValueKind.Object:
                if (element.TryGetProperty(SecretKey, out var secret))
                {
                    return new SecretValue(unprotect(secret.GetString()!));
                }

                if (element.TryGetProperty(ReferenceKey, out var address))
                {
                    return new OutputReference(
                        new ResourceAddress(address.GetString()!), element.GetProperty("output").GetString()!);
                }

                if (element.TryGetProperty(TemplateKey, out var parts))
                {
                    return new Template([.. parts.EnumerateArray().Select(e => Read(e, unprotect))]);
                }

                return new MapValue(element.EnumerateObject()
                    .ToImmutableSortedDictionary(p => p.Name, p => Read(p.Value, unprotect), StringComparer.Ordinal));
            default:
                throw new JsonException($"A {element.ValueKind} cannot be a resource value.");
        }
    }
}
