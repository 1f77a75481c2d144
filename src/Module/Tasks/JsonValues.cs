using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;

namespace CapMonster.Tasks
{
    /// <summary>PowerShell values to JSON and JSON back to PowerShell objects.</summary>
    internal static class JsonValues
    {
        /// <summary>Writes a PowerShell value: hashtables and PSCustomObjects as objects, lists as arrays.</summary>
        internal static void Write(Utf8JsonWriter writer, object? value)
        {
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case PSObject { BaseObject: PSCustomObject } custom:
                    writer.WriteStartObject();
                    foreach (PSPropertyInfo property in custom.Properties)
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case PSObject wrapped:
                    Write(writer, wrapped.BaseObject);
                    break;
                case string text:
                    writer.WriteStringValue(text);
                    break;
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case SwitchParameter flag:
                    writer.WriteBooleanValue(flag.IsPresent);
                    break;
                case int or long or short or byte or sbyte or ushort or uint:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case ulong big:
                    writer.WriteNumberValue(big);
                    break;
                case double or float:
                    writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture));
                    break;
                case decimal number:
                    writer.WriteNumberValue(number);
                    break;
                case DateTime or DateTimeOffset:
                    writer.WriteStringValue(((IFormattable)value).ToString("o", CultureInfo.InvariantCulture));
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        writer.WritePropertyName(Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                        Write(writer, entry.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    foreach (object? item in items)
                    {
                        Write(writer, item);
                    }
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        /// <summary>
        /// A JSON value as PowerShell sees data: objects as PSCustomObjects keeping the service's property names,
        /// arrays as object[], whole numbers as long, other numbers as decimal. Objects and arrays read as compact JSON
        /// where PowerShell makes text of them (Export-Csv, "$x"), not as @{...} or System.Object[].
        /// </summary>
        internal static object? ToPowerShell(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => ToPSObject(element),
            JsonValueKind.Array => AsJsonText(new PSObject(element.EnumerateArray().Select(ToPowerShell).ToArray())),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number when element.TryGetInt64(out long whole) => whole,
            JsonValueKind.Number when element.TryGetDecimal(out decimal number) => number,
            JsonValueKind.Number => element.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

        private static PSObject ToPSObject(JsonElement element)
        {
            var result = new PSObject();
            foreach (JsonProperty property in element.EnumerateObject())
            {
                result.Properties.Add(new PSNoteProperty(property.Name, ToPowerShell(property.Value)));
            }
            return AsJsonText(result);
        }

        private static readonly PSCodeMethod JsonToString = new("ToString", typeof(JsonValues).GetMethod(nameof(RenderJson))!);

        /// <summary>Gives a value ToString as compact JSON: what Export-Csv and string expansion show.</summary>
        internal static PSObject AsJsonText(PSObject value)
        {
            value.Methods.Add(JsonToString);
            return value;
        }

        /// <summary>The ToString of JSON-born objects and arrays (a PSCodeMethod: public, static, the instance first).</summary>
        public static string RenderJson(PSObject instance)
        {
            using var stream = new System.IO.MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            {
                Write(writer, instance);
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
