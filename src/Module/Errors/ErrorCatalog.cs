using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json;

namespace CapMonster
{
    /// <summary>
    /// The error catalog, read once at first use: the facts (codes, aliases, category, area, retry advice) and the
    /// English words from the embedded ErrorCatalog.json, the other languages' words from ErrorCatalog.&lt;culture&gt;.json
    /// (<see cref="CatalogWords"/>): the one place every error's category, text and retry advice come from
    /// (exceptions, ErrorRecords, Resolve-CapMonsterError, about_CapMonsterErrors).
    /// </summary>
    internal sealed class ErrorCatalog
    {
        internal const string NotReadyCode = "CAPTCHA_NOT_READY";
        private const string ErrorPrefix = "ERROR_";
        private const string NeutralResource = "CapMonster.Errors.ErrorCatalog.json";
        private const string ResourcePrefix = "CapMonster.Errors.ErrorCatalog.";
        private const string ResourceSuffix = ".json";
        private static readonly Lazy<ErrorCatalog> Instance = new(Load);

        private readonly Dictionary<string, ErrorInfo> byKey;
        private readonly CatalogWords text;

        private ErrorCatalog(IReadOnlyList<ErrorInfo> entries, IReadOnlyList<ErrorInfo> moduleEntries, CatalogWords text)
        {
            Entries = entries;
            ModuleEntries = moduleEntries;
            this.text = text;
            byKey = new Dictionary<string, ErrorInfo>(StringComparer.Ordinal);
            foreach (ErrorInfo entry in entries.Concat(moduleEntries))
            {
                // Titles in every language the module speaks: 'no funds' and 'нет средств' whatever the UI culture.
                foreach (string name in entry.Aliases.Prepend(entry.Code).Concat(text.Languages.Select(entry.GetTitle)))
                {
                    string key = Normalize(name);
                    if (byKey.TryGetValue(key, out ErrorInfo? other) && !ReferenceEquals(other, entry))
                    {
                        throw new InvalidDataException($"Catalog name '{name}' of {entry.Code} is also {other.Code}.");
                    }
                    byKey[key] = entry;
                }
            }
        }

        internal static ErrorCatalog Default => Instance.Value;

        /// <summary>Every API error, in the order of the CapMonster error page.</summary>
        internal IReadOnlyList<ErrorInfo> Entries { get; }

        /// <summary>The failures the module finds itself (no key, timeouts, unreadable answers...).</summary>
        internal IReadOnlyList<ErrorInfo> ModuleEntries { get; }

        /// <summary>Every API code and alias the catalog knows.</summary>
        internal IEnumerable<string> AllCodes => Entries.SelectMany(e => e.Aliases.Prepend(e.Code));

        /// <summary>Every entry, the API's errors first, then the module's own.</summary>
        internal IEnumerable<ErrorInfo> AllEntries => Entries.Concat(ModuleEntries);

        /// <summary>The advice for a code the catalog does not know, in the current UI culture.</summary>
        internal string GenericAction => text.GenericAction(CultureInfo.CurrentUICulture);

        /// <summary>The entry of one of the module's own failures.</summary>
        internal ErrorInfo Module(ModuleErrorId id)
        {
            string code = id.ToString();
            return ModuleEntries.FirstOrDefault(e => e.Code == code) ?? throw new KeyNotFoundException("No module error " + code + " in the catalog.");
        }

        /// <summary>
        /// Finds an entry by code, alias or title in either language: case-insensitive, with or without the ERROR_
        /// prefix, spaces and underscores alike ('no funds', 'нет средств', 'zero_balance', 'ERROR_ZERO_BALANCE').
        /// Null when unknown.
        /// </summary>
        internal ErrorInfo? Find(string? name) =>
            string.IsNullOrWhiteSpace(name) ? null : byKey.TryGetValue(Normalize(name!), out ErrorInfo? e) ? e : null;

        private static string Normalize(string name)
        {
            // Ё is often typed as Е.
            string key = name.Trim().Replace(' ', '_').Replace('-', '_').ToUpperInvariant().Replace('Ё', 'Е');
            return key.StartsWith(ErrorPrefix, StringComparison.Ordinal) ? key.Substring(ErrorPrefix.Length) : key;
        }

        private static ErrorCatalog Load()
        {
            // Every ErrorCatalog.<culture>.json the project embeds is a language: adding one needs no code.
            Assembly assembly = typeof(ErrorCatalog).Assembly;
            var translations = new List<KeyValuePair<string, JsonElement>>();
            foreach (string name in assembly.GetManifestResourceNames())
            {
                if (name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(ResourceSuffix, StringComparison.Ordinal)
                    && name.Length > ResourcePrefix.Length + ResourceSuffix.Length)
                {
                    string culture = name.Substring(ResourcePrefix.Length, name.Length - ResourcePrefix.Length - ResourceSuffix.Length);
                    translations.Add(new(culture, ReadResource(assembly, name)));
                }
            }
            return Parse(ReadResource(assembly, NeutralResource), translations);
        }

        private static JsonElement ReadResource(Assembly assembly, string name)
        {
            using Stream stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidDataException("The error catalog resource " + name + " is missing from the assembly.");
            using JsonDocument document = JsonDocument.Parse(stream);
            return document.RootElement.Clone();
        }

        /// <summary>
        /// The facts and English words from <paramref name="root"/> (ErrorCatalog.json), the other languages' words
        /// from <paramref name="translations"/> (ErrorCatalog.&lt;culture&gt;.json by culture name).
        /// </summary>
        internal static ErrorCatalog Parse(JsonElement root, IEnumerable<KeyValuePair<string, JsonElement>> translations)
        {
            CatalogWords text = CatalogWords.Read(root, translations);
            IReadOnlyList<ErrorInfo> entries = ParseEntries(root, "entries", ErrorSource.Api, text);
            IReadOnlyList<ErrorInfo> moduleEntries = root.TryGetProperty("moduleErrors", out _)
                ? ParseEntries(root, "moduleErrors", ErrorSource.Module, text)
                : Array.Empty<ErrorInfo>();
            return new ErrorCatalog(entries, moduleEntries, text);
        }

        private static List<ErrorInfo> ParseEntries(JsonElement root, string property, ErrorSource source, CatalogWords text)
        {
            var entries = new List<ErrorInfo>();
            foreach (JsonElement e in root.GetProperty(property).EnumerateArray())
            {
                entries.Add(new ErrorInfo(
                    source,
                    code: e.GetProperty("code").GetString()!,
                    aliases: e.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!).ToArray(),
                    category: ParseEnum<ErrorCategory>(e, "category"),
                    area: ParseEnum<ErrorArea>(e, "area"),
                    retry: ParseEnum<RetryAdvice>(e, "retry"),
                    retryDelaySeconds: e.GetProperty("retryDelaySeconds").GetInt32(),
                    text: text));
            }
            return entries;
        }

        private static T ParseEnum<T>(JsonElement entry, string property)
            where T : struct
        {
            string value = entry.GetProperty(property).GetString()!;
            return Enum.TryParse(value, ignoreCase: false, out T parsed) && Enum.IsDefined(typeof(T), parsed)
                ? parsed
                : throw new InvalidDataException(string.Format(CultureInfo.InvariantCulture, "Catalog {0} '{1}' is not a {2}.", property, value, typeof(T).Name));
        }
    }
}
