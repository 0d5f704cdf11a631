using System.Buffers;
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

    /// <summary>
    /// Quotes and other HTML-sensitive characters are written as they are, not as <c>\u0022</c> escapes: the text is
    /// read back only by <see cref="DeserializeMap"/>, never placed in a page, and a NixOS configuration full of
    /// escaped quotes took longer to read back than the rest of its resource.
    /// </summary>
    private static readonly JsonWriterOptions StoredForm = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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
        using (var writer = new Utf8JsonWriter(buffer, StoredForm))
        {
            WriteMap(writer, map, protect);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static ImmutableSortedDictionary<string, ResourceValue> DeserializeMap(
        string json, Func<string, Secret> unprotect)
    {
        // Read token by token rather than through a JsonDocument: a fleet-wide plan reads tens of megabytes of
        // recorded inputs, and the document's own index of them cost as much again as the values made from it.
        var buffer = ArrayPool<byte>.Shared.Rent(System.Text.Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = System.Text.Encoding.UTF8.GetBytes(json, buffer);
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length));
            reader.Read();
            var value = reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader, unprotect) : null;
            return value is MapValue map
                ? map.Entries
                : throw new JsonException("Expected a JSON object of values.");
        }
        finally
        {
            // The text holds secrets only in their protected form, so the buffer goes back as it is.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ResourceValue ReadValue(ref Utf8JsonReader reader, Func<string, Secret> unprotect)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return new TextValue(reader.GetString()!);
            case JsonTokenType.Number: return new NumberValue(reader.GetInt64());
            case JsonTokenType.True: return new FlagValue(true);
            case JsonTokenType.False: return new FlagValue(false);
            case JsonTokenType.StartArray: return new ListValue(ReadItems(ref reader, unprotect));
            case JsonTokenType.StartObject: return ReadObject(ref reader, unprotect);
            default: throw new JsonException($"A {reader.TokenType} cannot be a resource value.");
        }
    }

    private static ImmutableArray<ResourceValue> ReadItems(ref Utf8JsonReader reader, Func<string, Secret> unprotect)
    {
        var items = ImmutableArray.CreateBuilder<ResourceValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(ReadValue(ref reader, unprotect));
        }

        return items.DrainToImmutable();
    }

    /// <summary>An object: a secret, a reference, a template or a map, as <see cref="Write"/> wrote it.</summary>
    private static ResourceValue ReadObject(ref Utf8JsonReader reader, Func<string, Secret> unprotect)
    {
        var entries = ImmutableSortedDictionary.CreateBuilder<string, ResourceValue>(StringComparer.Ordinal);
        string? secret = null;
        string? reference = null;
        string? output = null;
        ImmutableArray<ResourceValue>? parts = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case SecretKey: secret = Text(ref reader, name); break;
                case ReferenceKey: reference = Text(ref reader, name); break;
                case TemplateKey when reader.TokenType == JsonTokenType.StartArray:
                    parts = ReadItems(ref reader, unprotect);
                    break;
                default:
                    var value = ReadValue(ref reader, unprotect);
                    if (name == "output" && value is TextValue text)
                    {
                        output = text.Text;
                    }

                    entries[name] = value;
                    break;
            }
        }

        return (secret, reference, parts) switch
        {
            ({ } s, _, _) => new SecretValue(unprotect(s)),
            (_, { } address, _) => new OutputReference(new ResourceAddress(address),
                output ?? throw new JsonException($"The reference to {address} names no output.")),
            (_, _, { } items) => new Template(items),
            _ => new MapValue(entries.ToImmutable()),
        };
    }

    private static string Text(ref Utf8JsonReader reader, string name) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"'{name}' must be a string, not a {reader.TokenType}.");

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
