using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Fediversity.Configuration.Schema;

/// <summary>
/// Enriches each node the exporter produces with what the models declare in attributes:
/// descriptions, patterns and limits, and the default of every optional field.
/// </summary>
internal static class SchemaAnnotations
{
    public static JsonNode Transform(JsonSchemaExporterContext context, JsonNode node)
    {
        if (node is not JsonObject schema)
        {
            return node;
        }

        AddDescription(context, schema);

        if (context.PropertyInfo?.AttributeProvider is { } attributes)
        {
            AddConstraints(attributes, context.TypeInfo.Kind == JsonTypeInfoKind.Enumerable, schema);
        }

        AddDefaults(context.TypeInfo, schema);
        return schema;
    }

    private static void AddDescription(JsonSchemaExporterContext context, JsonObject schema)
    {
        var description = context.PropertyInfo is { } property
            ? property.AttributeProvider?.GetCustomAttributes(typeof(DescriptionAttribute), inherit: true)
                .OfType<DescriptionAttribute>().FirstOrDefault()
            : context.TypeInfo.Type.GetCustomAttribute<DescriptionAttribute>();

        if (description is not null && !schema.ContainsKey("description"))
        {
            schema.Insert(0, "description", description.Description);
        }
    }

    private static void AddConstraints(ICustomAttributeProvider attributes, bool isArray, JsonObject schema)
    {
        foreach (var attribute in attributes.GetCustomAttributes(inherit: true))
        {
            switch (attribute)
            {
                case RegularExpressionAttribute regex:
                    schema["pattern"] = regex.Pattern;
                    break;

                case RangeAttribute { Minimum: int min, Maximum: int max } when min == max:
                    schema["const"] = min;
                    break;

                case RangeAttribute { Minimum: int min, Maximum: int max }:
                    schema["minimum"] = min;
                    if (max != int.MaxValue)
                    {
                        schema["maximum"] = max;
                    }

                    break;

                case MinLengthAttribute minLength:
                    schema[isArray ? "minItems" : "minLength"] = minLength.Length;
                    break;

                case MaxLengthAttribute maxLength:
                    schema[isArray ? "maxItems" : "maxLength"] = maxLength.Length;
                    break;
            }
        }
    }

    /// <summary>
    /// Writes the value an optional field takes when it is left out, read from a fresh instance of
    /// the model, so the schema and the code cannot disagree.
    /// </summary>
    private static void AddDefaults(JsonTypeInfo typeInfo, JsonObject schema)
    {
        var type = typeInfo.Type;
        if (typeInfo.Kind != JsonTypeInfoKind.Object || type.IsAbstract
            || schema["properties"] is not JsonObject properties
            || type.GetConstructor(Type.EmptyTypes) is null)
        {
            return;
        }

        var instance = Activator.CreateInstance(type);
        foreach (var property in typeInfo.Properties)
        {
            if (property.IsRequired || property.Get is null
                || properties[property.Name] is not JsonObject propertySchema)
            {
                continue;
            }

            var value = property.Get(instance!);
            if (value is not null)
            {
                propertySchema["default"] = JsonSerializer.SerializeToNode(
                    value, property.PropertyType, typeInfo.Options);
            }
        }
    }
}
