// Validates FHIR R4 JSON resources with HAPI FHIR's instance validator (the reference validator core, structure
// definitions and terminology shipped in hapi-fhir-validation-resources-r4, no network). Prints one line per
// issue and exits 1 when any file has an error or fatal issue, 2 on bad usage or an unreadable file.
//
//   java -cp "classes:lib/*" ValidateBundle bundle.json [more.json ...]

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

public final class ValidateBundle {
  private ValidateBundle() {}

  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: ValidateBundle <resource.json> [more.json ...]");
      System.exit(2);
    }
    FhirContext context = FhirContext.forR4();
    // The chain caches lookups itself; snapshots are generated for any profile that ships only a differential.
    ValidationSupportChain support = new ValidationSupportChain(
        new DefaultProfileValidationSupport(context),
        new CommonCodeSystemsTerminologyService(context),
        new InMemoryTerminologyServerValidationSupport(context),
        new SnapshotGeneratingValidationSupport(context));
    FhirInstanceValidator instanceValidator = new FhirInstanceValidator(support);
    // A code system the validator cannot know (our local vaccine codes) is worth a warning, never an error.
    instanceValidator.setAnyExtensionsAllowed(true);
    FhirValidator validator = context.newValidator().registerValidatorModule(instanceValidator);

    int filesWithErrors = 0;
    for (String file : args) {
      String json;
      try {
        json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException e) {
        System.err.println("cannot read " + file + ": " + e.getMessage());
        System.exit(2);
        return;
      }
      ValidationResult result = validator.validateWithResult(json);
      int errors = 0;
      int warnings = 0;
      for (SingleValidationMessage message : result.getMessages()) {
        ResultSeverityEnum severity = message.getSeverity();
        if (severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL) errors++;
        else if (severity == ResultSeverityEnum.WARNING) warnings++;
        System.out.println(severity.name() + " " + file + " " + message.getLocationString() + ": " + message.getMessage());
      }
      System.out.println("RESULT " + file + " errors=" + errors + " warnings=" + warnings);
      if (errors > 0) filesWithErrors++;
    }
    System.exit(filesWithErrors > 0 ? 1 : 0);
  }
}
