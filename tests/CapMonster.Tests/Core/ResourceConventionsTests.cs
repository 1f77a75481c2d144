using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace CapMonster.Tests.Core
{
    /// <summary>
    /// The module's texts in .resx: every language has every message, translated, with the same placeholders, and no
    /// message is left that nothing uses. A language is a file <c>Name.&lt;culture&gt;.resx</c> beside <c>Name.resx</c>.
    /// </summary>
    public class ResourceConventionsTests
    {
        private static readonly Regex Cyrillic = new(@"\p{IsCyrillic}", RegexOptions.CultureInvariant);
        private static readonly Regex Placeholder = new(@"(?<!\{)\{\d+(,-?\d+)?(:[^{}]*)?\}", RegexOptions.CultureInvariant);
        private static readonly string Module = Path.Combine(ConventionsTests.RepositoryRoot(), "src", "Module");

        public static readonly TheoryData<string> NeutralFiles = new("Localization/Strings.resx");

        [Theory]
        [MemberData(nameof(NeutralFiles))]
        public void Every_language_has_every_key_translated_with_the_same_placeholders(string neutralFile)
        {
            string neutralPath = Path.Combine(Module, neutralFile);
            Dictionary<string, string> neutral = Read(neutralPath);
            string baseName = Path.GetFileNameWithoutExtension(neutralPath);
            string[] satellites = Directory.GetFiles(Path.GetDirectoryName(neutralPath)!, baseName + ".*.resx");
            Assert.Contains(satellites, path => path.EndsWith(baseName + ".ru.resx", StringComparison.Ordinal));

            foreach (string path in satellites)
            {
                string culture = Path.GetFileNameWithoutExtension(path).Substring(baseName.Length + 1);
                Dictionary<string, string> translated = Read(path);
                Assert.Empty(translated.Keys.Except(neutral.Keys));
                foreach ((string key, string english) in neutral)
                {
                    Assert.True(translated.TryGetValue(key, out string? text) && !string.IsNullOrWhiteSpace(text), $"{key} is missing from {path}");
                    Assert.True(Placeholders(english).SequenceEqual(Placeholders(text!)), $"{key} in {path} has other placeholders than in English: {text}");
                    if (culture.StartsWith("ru", StringComparison.Ordinal))
                    {
                        Assert.True(Cyrillic.IsMatch(text!), $"{key} in {path} is not Russian: {text}");
                    }
                }
            }
            foreach ((string key, string english) in neutral)
            {
                Assert.False(string.IsNullOrWhiteSpace(english), key);
            }
        }

        [Fact]
        public void Every_message_is_used_by_the_module()
        {
            string code = string.Concat(Directory.EnumerateFiles(Module, "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                .Select(File.ReadAllText));
            IEnumerable<string> unused = Read(Path.Combine(Module, "Localization", "Strings.resx")).Keys
                .Where(key => !Regex.IsMatch(code, @"\bStrings\." + key + @"\b"));
            Assert.Empty(unused);
        }

        private static Dictionary<string, string> Read(string path)
        {
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (XElement data in XDocument.Load(path).Root!.Elements("data"))
            {
                string key = (string)data.Attribute("name")!;
                Assert.True(texts.TryAdd(key, (string?)data.Element("value") ?? string.Empty), $"{key} twice in {path}");
            }
            return texts;
        }

        private static IEnumerable<string> Placeholders(string text) =>
            Placeholder.Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);
    }
}
