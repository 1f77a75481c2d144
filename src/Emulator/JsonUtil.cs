using System;
using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CapMonster.Emulator;

/// <summary>Case-insensitive reading of request JSON (the live service ignores property-name case).</summary>
internal static class JsonUtil
{
    /// <summary>Writer options for every answer: readable escaping (quotes and &lt; stay as they are); the output is never embedded in HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Finds a non-null property by name, exact case first, then ignoring case.</summary>
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            foreach (JsonProperty p in obj.EnumerateObject())
            {
                if (p.Value.ValueKind != JsonValueKind.Null
                    && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = p.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>True when the property exists and is not null.</summary>
    public static bool Has(JsonElement obj, string name) => TryGet(obj, name, out _);

    /// <summary>The string value of a property, or null when absent, null or not a string.</summary>
    public static string? GetString(JsonElement obj, string name) =>
        TryGet(obj, name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>An integer given as a JSON number or as a numeric string.</summary>
    public static bool TryGetInt64(JsonElement obj, string name, out long value)
    {
        value = 0;
        if (!TryGet(obj, name, out JsonElement v))
        {
            return false;
        }

        return v.ValueKind switch
        {
            JsonValueKind.Number => v.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
    }

    /// <summary>A boolean given as true/false, "true"/"false" or 1/0; null when absent or unreadable.</summary>
    public static bool? GetBool(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out JsonElement v))
        {
            return null;
        }

        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetInt64(out long n) => n != 0,
            JsonValueKind.String when bool.TryParse(v.GetString(), out bool b) => b,
            _ => null,
        };
    }

    /// <summary>Serialises with a Utf8JsonWriter into a fresh byte array.</summary>
    public static byte[] Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Removes trailing zeros from a decimal so 0.0006000 prints as 0.0006.</summary>
    public static decimal Normalize(decimal value) => value / 1.000000000000000000000000000000000m;
}
