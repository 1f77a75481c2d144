using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace CapMonster
{
    /// <summary>
    /// The catalog's words: each entry's title, description and action, and the action for unknown codes. English
    /// (the neutral language) stands beside each entry's facts in ErrorCatalog.json; every other language is one file
    /// beside it, ErrorCatalog.&lt;culture&gt;.json (ErrorCatalog.ru.json), embedded by the project's glob. A lookup
    /// follows the UI culture's parents as .NET resources do: ru-UA, then ru, then English.
    /// </summary>
    internal sealed class CatalogWords
    {
        private const string GenericActionKey = "genericAction";
        private static readonly string[] EntryLists = ["entries", "moduleErrors"];
        private static readonly string[] EntryFields = ["title", "description", "action"];
        private readonly Dictionary<string, Dictionary<string, string>> byCulture;

        private CatalogWords(Dictionary<string, Dictionary<string, string>> byCulture)
        {
            this.byCulture = byCulture;
            Languages = byCulture.Keys.OrderBy(name => name, StringComparer.Ordinal).Select(CultureInfo.GetCultureInfo).ToList();
        }

        /// <summary>English (the invariant culture) first, then every language with its own file.</summary>
        internal IReadOnlyList<CultureInfo> Languages { get; }

        internal string Title(string code, CultureInfo culture) => Get(Key(code, "title"), culture);

        internal string Description(string code, CultureInfo culture) => Get(Key(code, "description"), culture);

        internal string Action(string code, CultureInfo culture) => Get(Key(code, "action"), culture);

        internal string GenericAction(CultureInfo culture) => Get(GenericActionKey, culture);

        /// <summary>
        /// The words of <paramref name="neutral"/> (ErrorCatalog.json: <c>genericAction</c>, and <c>title</c>,
        /// <c>description</c>, <c>action</c> in each entry) and of each translation, by culture name
        /// (ErrorCatalog.ru.json: <c>genericAction</c>, and <c>entries</c> with the three words by code).
        /// </summary>
        internal static CatalogWords Read(JsonElement neutral, IEnumerable<KeyValuePair<string, JsonElement>> translations)
        {
            var english = new Dictionary<string, string>(StringComparer.Ordinal);
            AddGenericAction(english, neutral);
            foreach (JsonElement entry in EntryLists
                .Where(p => neutral.TryGetProperty(p, out _))
                .SelectMany(p => neutral.GetProperty(p).EnumerateArray()))
            {
                AddEntryWords(english, entry.GetProperty("code").GetString()!, entry);
            }
            var byCulture = new Dictionary<string, Dictionary<string, string>>(StringComparer.OrdinalIgnoreCase) { [string.Empty] = english };
            foreach (KeyValuePair<string, JsonElement> translation in translations)
            {
                var words = new Dictionary<string, string>(StringComparer.Ordinal);
                AddGenericAction(words, translation.Value);
                if (translation.Value.TryGetProperty("entries", out JsonElement entries))
                {
                    foreach (JsonProperty entry in entries.EnumerateObject())
                    {
                        AddEntryWords(words, entry.Name, entry.Value);
                    }
                }
                byCulture[CultureInfo.GetCultureInfo(translation.Key).Name] = words;
            }
            return new CatalogWords(byCulture);
        }

        private static void AddGenericAction(Dictionary<string, string> words, JsonElement file)
        {
            if (file.TryGetProperty(GenericActionKey, out JsonElement text))
            {
                words[GenericActionKey] = text.GetString()!;
            }
        }

        private static void AddEntryWords(Dictionary<string, string> words, string code, JsonElement entry)
        {
            foreach (string field in EntryFields)
            {
                if (entry.TryGetProperty(field, out JsonElement text))
                {
                    words[Key(code, field)] = text.GetString()!;
                }
            }
        }

        private static string Key(string code, string field) => code + "." + field;

        private string Get(string key, CultureInfo culture)
        {
            // ru-UA, ru, then the invariant culture, whose name is the neutral file's key.
            for (CultureInfo c = culture; ; c = c.Parent)
            {
                if (byCulture.TryGetValue(c.Name, out Dictionary<string, string>? words) && words.TryGetValue(key, out string? text))
                {
                    return text;
                }
                if (c.Name.Length == 0)
                {
                    throw new InvalidDataException("The error catalog has no text " + key + ".");
                }
            }
        }
    }
}
