using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CapMonster.Tests.Core
{
    /// <summary>
    /// The recipe "Add an error code" of docs/ARCHITECTURE.md, held to the files: an API code is in the emulator's
    /// documented list (src/Emulator/ErrorCodes.cs) and in ErrorCatalog.json with its facts and English words, and
    /// every other language's ErrorCatalog.&lt;culture&gt;.json has its words. Each failure names the file and the step.
    /// </summary>
    public class ErrorCatalogConventionsTests
    {
        private const string Recipe = "docs/ARCHITECTURE.md, \"Add an error code\"";
        private static readonly Regex Cyrillic = new(@"\p{IsCyrillic}", RegexOptions.CultureInvariant);
        private static readonly string[] Words = ["title", "description", "action"];
        private static readonly string Errors = Path.Combine(ConventionsTests.RepositoryRoot(), "src", "Module", "Errors");
        private static readonly string NeutralPath = Path.Combine(Errors, "ErrorCatalog.json");

        public static readonly TheoryData<string> LanguageFiles = new(
            Directory.GetFiles(Errors, "ErrorCatalog.*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

        [Fact]
        public void Every_documented_code_has_a_catalog_entry()
        {
            string[] missing = [.. CapMonster.Emulator.ErrorCodes.Documented.Except(CatalogApiCodes()).Order(StringComparer.Ordinal)];
            Assert.True(missing.Length == 0,
                $"{string.Join(", ", missing)}: in src/Emulator/ErrorCodes.cs but not in src/Module/Errors/ErrorCatalog.json " +
                $"(an entry's code or aliases). Step 1 of {Recipe}: the entry's facts and English words.");
        }

        [Fact]
        public void Every_api_entry_of_the_catalog_is_in_the_emulators_documented_list()
        {
            string[] missing = [.. CatalogApiCodes().Except(CapMonster.Emulator.ErrorCodes.Documented).Order(StringComparer.Ordinal)];
            Assert.True(missing.Length == 0,
                $"{string.Join(", ", missing)}: in src/Module/Errors/ErrorCatalog.json but not in src/Emulator/ErrorCodes.cs. " +
                $"Step 3 of {Recipe}: the code and the text the service answers with in the emulator's list.");
        }

        [Fact]
        public void Every_entry_has_its_title_description_and_action_in_english()
        {
            using JsonDocument neutral = Read(NeutralPath);
            var problems = new List<string>();
            foreach (JsonElement entry in Entries(neutral.RootElement))
            {
                string code = entry.GetProperty("code").GetString()!;
                foreach (string word in Words)
                {
                    string? text = entry.TryGetProperty(word, out JsonElement value) ? value.GetString() : null;
                    if (string.IsNullOrWhiteSpace(text) || Cyrillic.IsMatch(text))
                    {
                        problems.Add($"{code}.{word}");
                    }
                }
            }
            if (string.IsNullOrWhiteSpace(GenericAction(neutral.RootElement)))
            {
                problems.Add("genericAction");
            }
            Assert.True(problems.Count == 0,
                $"{string.Join(", ", problems)}: missing, empty or not English in src/Module/Errors/ErrorCatalog.json. " +
                $"Step 1 of {Recipe}: each entry's title (as the documentation names it), description and action beside its facts.");
        }

        [Theory]
        [MemberData(nameof(LanguageFiles))]
        public void Every_language_file_has_the_three_words_of_every_entry_and_nothing_else(string file)
        {
            using JsonDocument neutral = Read(NeutralPath);
            using JsonDocument translation = Read(Path.Combine(Errors, file));
            string culture = Path.GetFileNameWithoutExtension(file).Substring("ErrorCatalog.".Length);
            bool russian = culture.StartsWith("ru", StringComparison.Ordinal);
            string[] codes = [.. Entries(neutral.RootElement).Select(e => e.GetProperty("code").GetString()!)];
            Dictionary<string, JsonElement> translated = translation.RootElement.TryGetProperty("entries", out JsonElement entries)
                ? entries.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal)
                : [];

            var missing = new List<string>();
            var untranslated = new List<string>();
            void Check(string key, string? text)
            {
                if (string.IsNullOrWhiteSpace(text))
                {
                    missing.Add(key);
                }
                else if (russian && !Cyrillic.IsMatch(text))
                {
                    untranslated.Add(key);
                }
            }
            Check("genericAction", GenericAction(translation.RootElement));
            foreach (string code in codes)
            {
                foreach (string word in Words)
                {
                    Check($"{code}.{word}", translated.TryGetValue(code, out JsonElement entry) && entry.TryGetProperty(word, out JsonElement value) ? value.GetString() : null);
                }
            }
            string[] unknown = [.. translated.Keys.Except(codes)
                .Concat(translated.SelectMany(e => e.Value.EnumerateObject().Select(p => p.Name).Except(Words).Select(name => $"{e.Key}.{name}")))];

            string path = "src/Module/Errors/" + file;
            Assert.True(missing.Count == 0, $"{string.Join(", ", missing)}: missing from {path}. Step 2 of {Recipe}: each entry's three words in every language file.");
            Assert.True(untranslated.Count == 0, $"{string.Join(", ", untranslated)}: not Russian (no Cyrillic) in {path}.");
            Assert.True(unknown.Length == 0, $"{string.Join(", ", unknown)}: in {path} but not in src/Module/Errors/ErrorCatalog.json (a removed or misspelled code, or a word other than title, description, action).");
        }

        [Theory]
        [MemberData(nameof(LanguageFiles))]
        public void Every_language_file_is_embedded_and_speaks_for_its_culture(string file)
        {
            CultureInfo culture = CultureInfo.GetCultureInfo(Path.GetFileNameWithoutExtension(file).Substring("ErrorCatalog.".Length));
            using JsonDocument translation = Read(Path.Combine(Errors, file));
            JsonProperty first = translation.RootElement.GetProperty("entries").EnumerateObject().First();
            ErrorInfo entry = ErrorCatalog.Default.Find(first.Name)!;
            Assert.True(first.Value.GetProperty("title").GetString() == entry.GetTitle(culture),
                $"{file} is not read by the module: src/Module/CapMonster.csproj embeds Errors\\ErrorCatalog*.json; rebuild.");
        }

        private static IEnumerable<string> CatalogApiCodes() =>
            ErrorCatalog.Default.Entries.SelectMany(e => e.Aliases.Prepend(e.Code));

        private static IEnumerable<JsonElement> Entries(JsonElement catalog) =>
            catalog.GetProperty("entries").EnumerateArray().Concat(catalog.GetProperty("moduleErrors").EnumerateArray());

        private static string? GenericAction(JsonElement file) =>
            file.TryGetProperty("genericAction", out JsonElement text) ? text.GetString() : null;

        private static JsonDocument Read(string path) => JsonDocument.Parse(File.ReadAllText(path));
    }
}
