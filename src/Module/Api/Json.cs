using System;
using System.Text.Json;

namespace CapMonster.Api
{
    /// <summary>Reading the service's JSON, whose property names vary in letter case (errorId, ErrorId...).</summary>
    internal static class Json
    {
        internal static bool TryGetProperty(JsonElement element, string name, out JsonElement value)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                if (element.TryGetProperty(name, out value))
                {
                    return true;
                }
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                    {
                        value = property.Value;
                        return true;
                    }
                }
            }
            value = default;
            return false;
        }

        internal static string? GetString(JsonElement element, string name) =>
            TryGetProperty(element, name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

        /// <summary>A number, also when the service sends it as a string ("42").</summary>
        internal static long? GetInt64(JsonElement element, string name)
        {
            if (!TryGetProperty(element, name, out JsonElement value))
            {
                return null;
            }
            return value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetInt64(out long number) => number,
                JsonValueKind.String when long.TryParse(value.GetString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out long parsed) => parsed,
                _ => null,
            };
        }

        internal static decimal? GetDecimal(JsonElement element, string name)
        {
            if (!TryGetProperty(element, name, out JsonElement value))
            {
                return null;
            }
            return value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetDecimal(out decimal number) => number,
                JsonValueKind.String when decimal.TryParse(value.GetString(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out decimal parsed) => parsed,
                _ => null,
            };
        }
    }
}
