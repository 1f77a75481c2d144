using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using CapMonster.Localization;

namespace CapMonster.Tasks
{
    /// <summary>PowerShell values to JSON and JSON back to PowerShell objects.</summary>
    internal static class JsonValues
    {
        /// <summary>Deeper than any real task; a value that goes deeper most likely contains itself.</summary>
        internal const int MaxDepth = 64;

        /// <summary>
        /// Writes a PowerShell value: hashtables and PSCustomObjects as objects, lists as arrays. A value JSON cannot
        /// hold (NaN, Infinity, a value containing itself, a property that throws when read) is an InvalidTaskField
        /// error naming <paramref name="path"/>, the field it sits in.
        /// </summary>
        internal static void Write(Utf8JsonWriter writer, object? value, string path) => Write(writer, value, path, 0);

        private static void Write(Utf8JsonWriter writer, object? value, string path, int depth)
        {
            if (depth > MaxDepth)
            {
                throw Unwritable(path, Messages.ValueTooDeep(MaxDepth));
            }
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case PSObject { BaseObject: PSCustomObject } custom:
                    writer.WriteStartObject();
                    foreach (PSPropertyInfo property in custom.Properties)
                    {
                        string name = path + "." + property.Name;
                        object? propertyValue;
                        try
                        {
                            propertyValue = property.Value;
                        }
                        catch (GetValueException e)
                        {
                            throw Unwritable(name, Messages.ValueUnreadable(e.InnerException?.Message ?? e.Message));
                        }
                        writer.WritePropertyName(property.Name);
                        Write(writer, propertyValue, name, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case PSObject wrapped:
                    Write(writer, wrapped.BaseObject, path, depth + 1);
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
                    double number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                    if (double.IsNaN(number) || double.IsInfinity(number))
                    {
                        throw Unwritable(path, Messages.ValueNotFinite(number.ToString(CultureInfo.InvariantCulture)));
                    }
                    writer.WriteNumberValue(number);
                    break;
                case decimal exact:
                    writer.WriteNumberValue(exact);
                    break;
                case DateTime or DateTimeOffset:
                    writer.WriteStringValue(((IFormattable)value).ToString("o", CultureInfo.InvariantCulture));
                    break;
                case IDictionary dictionary:
                    writer.WriteStartObject();
                    foreach (DictionaryEntry entry in dictionary)
                    {
                        string key = Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                        writer.WritePropertyName(key);
                        Write(writer, entry.Value, path + "." + key, depth + 1);
                    }
                    writer.WriteEndObject();
                    break;
                case IEnumerable items:
                    writer.WriteStartArray();
                    int index = 0;
                    foreach (object? item in items)
                    {
                        Write(writer, item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", depth + 1);
                        index++;
                    }
                    writer.WriteEndArray();
                    break;
                default:
                    writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }

        private static CapMonsterException Unwritable(string path, string reason) =>
            CapMonsterException.FromModuleError(ModuleErrorId.InvalidTaskField, Messages.ValueNotWritable(path, reason));

        /// <summary>
        /// A JSON value as PowerShell sees data: objects as PSCustomObjects keeping the service's property names,
        /// arrays as object[], whole numbers as long, other numbers as decimal (or double, or their text when too large). Objects and arrays read as compact JSON
        /// where PowerShell makes text of them (Export-Csv, "$x"), not as @{...} or System.Object[].
        /// </summary>
        internal static object? ToPowerShell(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => ToPSObject(element),
            JsonValueKind.Array => AsJsonText(new PSObject(element.EnumerateArray().Select(ToPowerShell).ToArray())),
            JsonValueKind.String => element.GetString(),
            JsonValueKind.Number when element.TryGetInt64(out long whole) => whole,
            JsonValueKind.Number when element.TryGetDecimal(out decimal number) => number,
            JsonValueKind.Number when element.TryGetDouble(out double approximate) && !double.IsInfinity(approximate) => approximate,
            JsonValueKind.Number => element.GetRawText(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        };

        private static PSObject ToPSObject(JsonElement element)
        {
            var result = new PSObject();
            foreach (JsonProperty property in element.EnumerateObject())
            {
                // PowerShell has no property without a name; one named twice (in any case) keeps the last value, as JSON readers do.
                if (property.Name.Length == 0)
                {
                    continue;
                }
                object? value = ToPowerShell(property.Value);
                if (result.Properties[property.Name] is { } existing)
                {
                    existing.Value = value;
                }
                else
                {
                    result.Properties.Add(new PSNoteProperty(property.Name, value));
                }
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
                Write(writer, instance, "solution");
            }
            return System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
