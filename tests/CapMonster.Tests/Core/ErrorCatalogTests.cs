using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CapMonster.Tests.Core
{

    public class ErrorCatalogTests
    {
        private static readonly Regex Cyrillic = new(@"\p{IsCyrillic}");
        private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
        private static readonly CultureInfo Russian = CultureInfo.GetCultureInfo("ru-RU");

        // The documented codes as the emulator answers them: the one list the xunit and Pester tests share.
        private static readonly string[] Codes = [.. CapMonster.Emulator.ErrorCodes.Documented];

        public static readonly TheoryData<string> DocumentedCodes = new(Codes);

        private static ErrorCatalog Catalog => ErrorCatalog.Default;

        [Fact]
        public void Holds_the_documented_codes_and_nothing_else()
        {
            Assert.Equal(Codes.Order(), Catalog.AllCodes.Order());
        }

        [Theory]
        [MemberData(nameof(DocumentedCodes))]
        public void Finds_every_code_case_insensitively_and_without_the_prefix(string code)
        {
            ErrorInfo? entry = Catalog.Find(code);
            Assert.NotNull(entry);
            Assert.Same(entry, Catalog.Find(code.ToLowerInvariant()));
            Assert.Same(entry, Catalog.Find(code.Replace("ERROR_", string.Empty, System.StringComparison.Ordinal)));
            Assert.Same(entry, Catalog.Find("  " + code + " "));
        }

        [Theory]
        [InlineData("NO FUNDS", "ERROR_ZERO_BALANCE")]
        [InlineData("invalid key", "ERROR_KEY_DOES_NOT_EXIST")]
        [InlineData("WRONG_CAPTCHA_ID", "ERROR_NO_SUCH_CAPCHA_ID")]
        [InlineData("ERROR_CAPTCHA_NOT_READY", "CAPTCHA_NOT_READY")]
        [InlineData("Captcha Is Not Ready", "CAPTCHA_NOT_READY")]
        [InlineData("USERAGENT IS EXPIRED", "ERROR_WRONG_USERAGENT")]
        public void Finds_entries_by_title_and_alias(string name, string code)
        {
            Assert.Equal(code, Catalog.Find(name)?.Code);
        }

        [Theory]
        [InlineData("нет средств", "ERROR_ZERO_BALANCE")]
        [InlineData("НЕВЕРНЫЙ КЛЮЧ", "ERROR_KEY_DOES_NOT_EXIST")]
        [InlineData("капча ещё не решена", "CAPTCHA_NOT_READY")]
        [InlineData("Нет API-ключа", "NoApiKey")]
        [InlineData("секрет не найден", "SecretNotFound")]
        public void Finds_entries_by_russian_title(string name, string code)
        {
            Assert.Equal(code, Catalog.Find(name)?.Code);
        }

        [Fact]
        public void Gives_every_entry_a_title_in_both_languages_shown_in_the_ui_culture()
        {
            // Which words each language file has is ErrorCatalogConventionsTests'; this is how a culture finds them.
            foreach (ErrorInfo entry in Catalog.AllEntries)
            {
                Assert.Equal(entry.GetTitle(Russian), entry.GetTitle(CultureInfo.GetCultureInfo("ru-KZ")));
                Assert.NotEqual(entry.GetTitle(English), entry.GetTitle(Russian));
            }
            using (new UICultureScope("ru-UA"))
            {
                Assert.Equal("НЕТ СРЕДСТВ", Catalog.Find("ERROR_ZERO_BALANCE")!.Title);
            }
            using (new UICultureScope("en-US"))
            {
                Assert.Equal("NO FUNDS", Catalog.Find("ERROR_ZERO_BALANCE")!.Title);
            }
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("   ")]
        [InlineData("ERROR_FROM_THE_FUTURE")]
        [InlineData("ERROR_")]
        public void Finds_nothing_for_unknown_names(string? name)
        {
            Assert.Null(Catalog.Find(name));
        }

        [Fact]
        public void Has_one_module_entry_for_each_typed_id_and_no_other()
        {
            // A module error is a ModuleErrorId member (src/Module/Errors/ModuleErrorId.cs) and a moduleErrors entry of
            // ErrorCatalog.json with its words in every language file ("Add an error code" in docs/ARCHITECTURE.md).
            Assert.Equal(
                System.Enum.GetNames<ModuleErrorId>().Order(),
                Catalog.ModuleEntries.Select(e => e.Code).Order());
        }

        [Fact]
        public void Gives_every_entry_an_explicit_category_and_a_consistent_retry()
        {
            foreach (ErrorInfo entry in Catalog.Entries)
            {
                Assert.NotEqual(ErrorCategory.NotSpecified, entry.Category);
                if (entry.Retry == RetryAdvice.Never)
                {
                    Assert.Equal(System.TimeSpan.Zero, entry.RetryDelay);
                }
                if (entry.Retry == RetryAdvice.SameRequest)
                {
                    Assert.True(entry.RetryDelay > System.TimeSpan.Zero, entry.Code + " is retried after a delay");
                }
            }
        }

        [Theory]
        [InlineData("ERROR_KEY_DOES_NOT_EXIST", ErrorCategory.AuthenticationError, ErrorArea.Account, RetryAdvice.Never)]
        [InlineData("ERROR_ZERO_BALANCE", ErrorCategory.QuotaExceeded, ErrorArea.Account, RetryAdvice.Never)]
        [InlineData("ERROR_RECAPTCHA_INVALID_SITEKEY", ErrorCategory.InvalidArgument, ErrorArea.Input, RetryAdvice.Never)]
        [InlineData("ERROR_NO_SLOT_AVAILABLE", ErrorCategory.ResourceBusy, ErrorArea.Capacity, RetryAdvice.SameRequest)]
        [InlineData("ERROR_PROXY_CONNECT_REFUSED", ErrorCategory.ConnectionError, ErrorArea.Proxy, RetryAdvice.NewTask)]
        [InlineData("ERROR_NO_SUCH_CAPCHA_ID", ErrorCategory.ObjectNotFound, ErrorArea.Task, RetryAdvice.Never)]
        [InlineData("ERROR_CAPTCHA_UNSOLVABLE", ErrorCategory.InvalidResult, ErrorArea.Task, RetryAdvice.NewTask)]
        [InlineData("ERROR_TOO_MUCH_REQUESTS", ErrorCategory.LimitsExceeded, ErrorArea.Capacity, RetryAdvice.SameRequest)]
        public void Classifies_errors_as_the_issue_asks(string code, ErrorCategory category, ErrorArea area, RetryAdvice retry)
        {
            ErrorInfo entry = Catalog.Find(code)!;
            Assert.Equal((category, area, retry), (entry.Category, entry.Area, entry.Retry));
        }

        [Fact]
        public void Only_captcha_not_ready_is_not_a_failure()
        {
            Assert.Equal("CAPTCHA_NOT_READY", Assert.Single(Catalog.Entries, e => !e.IsFailure).Code);
        }

        [Fact]
        public void Speaks_russian_for_every_ru_culture_and_english_for_the_rest()
        {
            ErrorInfo entry = Catalog.Find("ERROR_ZERO_BALANCE")!;
            foreach (string ru in new[] { "ru", "ru-RU", "ru-UA", "ru-KZ" })
            {
                Assert.Matches(Cyrillic, entry.GetDescription(CultureInfo.GetCultureInfo(ru)));
            }
            foreach (string other in new[] { "en-US", "de-DE", "uk-UA", "" })
            {
                Assert.DoesNotMatch(Cyrillic, entry.GetDescription(CultureInfo.GetCultureInfo(other)));
            }
        }

        [Fact]
        public void Rejects_a_catalog_whose_names_collide_or_whose_category_is_unknown()
        {
            const string Entry = """{"code":"ERROR_A","aliases":[],"category":"InvalidData","area":"Input","retry":"Never","retryDelaySeconds":0,"title":"A","description":"d","action":"a"}""";
            string Catalog(string entries) => $$"""{"genericAction":"g","entries":[{{entries}}]}""";
            using (JsonDocument twice = JsonDocument.Parse(Catalog(Entry + "," + Entry)))
            {
                Assert.Throws<System.IO.InvalidDataException>(() => ErrorCatalog.Parse(twice.RootElement, []));
            }
            using JsonDocument badCategory = JsonDocument.Parse(Catalog(Entry.Replace("InvalidData", "Nonsense", System.StringComparison.Ordinal)));
            Assert.Throws<System.IO.InvalidDataException>(() => ErrorCatalog.Parse(badCategory.RootElement, []));
        }

        [Fact]
        public void Takes_a_new_language_from_its_file_alone_falling_back_as_resources_do()
        {
            // A third language is one more ErrorCatalog.<culture>.json: its words in its cultures, English where it has none.
            using JsonDocument neutral = JsonDocument.Parse("""
                {"genericAction":"Look it up.","entries":[
                  {"code":"ERROR_A","aliases":[],"category":"InvalidData","area":"Input","retry":"Never","retryDelaySeconds":0,"title":"NO A","description":"No A.","action":"Add A."},
                  {"code":"ERROR_B","aliases":[],"category":"InvalidData","area":"Input","retry":"Never","retryDelaySeconds":0,"title":"NO B","description":"No B.","action":"Add B."}]}
                """);
            using JsonDocument german = JsonDocument.Parse("""
                {"genericAction":"Nachschlagen.","entries":{"ERROR_A":{"title":"KEIN A","description":"Kein A.","action":"A hinzufügen."}}}
                """);
            ErrorCatalog catalog = ErrorCatalog.Parse(neutral.RootElement, [new("de", german.RootElement)]);
            ErrorInfo a = catalog.Find("ERROR_A")!;
            Assert.Equal("KEIN A", a.GetTitle(CultureInfo.GetCultureInfo("de-AT")));
            Assert.Equal("A hinzufügen.", a.GetRecommendedAction(CultureInfo.GetCultureInfo("de-DE")));
            Assert.Equal("NO A", a.GetTitle(CultureInfo.GetCultureInfo("fr-FR")));
            Assert.Equal("No B.", catalog.Find("ERROR_B")!.GetDescription(CultureInfo.GetCultureInfo("de-DE")));
            Assert.Same(a, catalog.Find("kein a"));
            using (new UICultureScope("de-CH"))
            {
                Assert.Equal("Nachschlagen.", catalog.GenericAction);
            }
        }
    }
}
