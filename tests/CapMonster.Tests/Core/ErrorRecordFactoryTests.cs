using System;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace CapMonster.Tests.Core
{
    public class ErrorRecordFactoryTests
    {
        private static readonly Regex Cyrillic = new(@"\p{IsCyrillic}");

        [Theory]
        [InlineData("en-US", false)]
        [InlineData("ru-RU", true)]
        public void Builds_the_record_of_a_known_code_from_the_catalog(string culture, bool russian)
        {
            using var scope = new UICultureScope(culture);
            var exception = CapMonsterException.FromApiError("ERROR_ZERO_BALANCE", "Account has zero or negative balance", taskId: null, httpStatus: 402);
            var target = new { Method = "getBalance" };

            ErrorRecord record = ErrorRecordFactory.Create(exception, target);

            Assert.IsType<CapMonsterAccountException>(record.Exception);
            Assert.Equal("ERROR_ZERO_BALANCE", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.QuotaExceeded, record.CategoryInfo.Category);
            Assert.Same(target, record.TargetObject);
            Assert.StartsWith(ErrorCatalog.Default.Find("ERROR_ZERO_BALANCE")!.Description, record.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Contains("Account has zero or negative balance", record.ErrorDetails.Message, StringComparison.Ordinal);
            Assert.Equal(ErrorCatalog.Default.Find("ERROR_ZERO_BALANCE")!.RecommendedAction, record.ErrorDetails.RecommendedAction);
            Assert.Equal(russian, Cyrillic.IsMatch(record.ErrorDetails.Message));
            Assert.Equal(russian, Cyrillic.IsMatch(record.ErrorDetails.RecommendedAction));
            Assert.Equal(402, exception.HttpStatus);
            Assert.Equal(RetryAdvice.Never, exception.Retry);
        }

        [Theory]
        [InlineData("en-US", false)]
        [InlineData("ru-RU", true)]
        public void Keeps_an_alias_as_sent_while_using_its_entry(string culture, bool russian)
        {
            using var scope = new UICultureScope(culture);
            var exception = CapMonsterException.FromApiError("WRONG_CAPTCHA_ID", null, taskId: 3_000_000_001);

            ErrorRecord record = ErrorRecordFactory.Create(exception, 3_000_000_001L);

            Assert.IsType<CapMonsterTaskException>(record.Exception);
            Assert.Equal("WRONG_CAPTCHA_ID", record.FullyQualifiedErrorId);
            Assert.Equal("ERROR_NO_SUCH_CAPCHA_ID", exception.Entry!.Code);
            Assert.Equal(ErrorCategory.ObjectNotFound, record.CategoryInfo.Category);
            Assert.Equal(exception.Entry.Description, record.ErrorDetails.Message);
            Assert.Equal(russian, Cyrillic.IsMatch(record.ErrorDetails.RecommendedAction));
            Assert.Equal(3_000_000_001L, exception.TaskId);
        }

        [Theory]
        [InlineData("en-US", false)]
        [InlineData("ru-RU", true)]
        public void Passes_an_unknown_code_through_verbatim(string culture, bool russian)
        {
            using var scope = new UICultureScope(culture);
            var exception = CapMonsterException.FromApiError("ERROR_BAD_DUPLICATES", "Not enough identical answers", taskId: 7);

            ErrorRecord record = ErrorRecordFactory.Create(exception, 7L);

            Assert.Equal(typeof(CapMonsterException), record.Exception.GetType());
            Assert.Equal("ERROR_BAD_DUPLICATES", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.NotSpecified, record.CategoryInfo.Category);
            Assert.Equal("ERROR_BAD_DUPLICATES: Not enough identical answers", record.ErrorDetails.Message);
            Assert.Null(exception.Entry);
            Assert.Equal(ErrorCatalog.Default.GenericAction, record.ErrorDetails.RecommendedAction);
            Assert.Equal(russian, Cyrillic.IsMatch(record.ErrorDetails.RecommendedAction));
        }

        [Fact]
        public void Names_an_unknown_code_without_a_description()
        {
            using var scope = new UICultureScope("en-US");
            Assert.Equal("The service returned error ERROR_NEW.", CapMonsterException.FromApiError("ERROR_NEW", null).Message);
        }

        [Fact]
        public void Leaves_out_the_server_text_when_it_only_repeats_the_catalog()
        {
            using var scope = new UICultureScope("en-US");
            ErrorInfo entry = ErrorCatalog.Default.Find("ERROR_IP_BANNED")!;
            Assert.Equal(entry.Description, CapMonsterException.FromApiError("ERROR_IP_BANNED", entry.Description).Message);
        }

        [Theory]
        [InlineData("ERROR_KEY_DOES_NOT_EXIST", typeof(CapMonsterAccountException))]
        [InlineData("ERROR_TOO_BIG_CAPTCHA_FILESIZE", typeof(CapMonsterInputException))]
        [InlineData("ERROR_PROXY_BANNED", typeof(CapMonsterProxyException))]
        [InlineData("ERROR_DOMAIN_NOT_ALLOWED", typeof(CapMonsterTargetSiteException))]
        [InlineData("ERROR_NO_SLOT_AVAILABLE", typeof(CapMonsterCapacityException))]
        [InlineData("ERROR_CAPTCHA_UNSOLVABLE", typeof(CapMonsterTaskException))]
        public void Picks_the_exception_type_by_what_the_error_is_about(string code, Type type)
        {
            CapMonsterException exception = CapMonsterException.FromApiError(code, null);
            Assert.IsType(type, exception);
            Assert.Equal(type.FullName, exception.Entry!.ExceptionType);
        }
    }
}
