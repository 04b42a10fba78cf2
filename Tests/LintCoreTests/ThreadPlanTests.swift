import Foundation
import LintCore
import Testing

/// `--jobs N` is the number of threads in total: models at once, then the rest per model's layers.
@Suite struct ThreadPlanTests {
    @Test func jobsAreThreadsInTotal() {
        #expect(LintRunner.threadPlan(jobs: 4, models: 10) == (4, 1))
        #expect(LintRunner.threadPlan(jobs: 8, models: 2) == (2, 4))
        #expect(LintRunner.threadPlan(jobs: 1, models: 3) == (1, 1))
        #expect(LintRunner.threadPlan(jobs: 3, models: 2) == (2, 1))
        #expect(LintRunner.threadPlan(jobs: 5, models: 1) == (1, 5))
        for models in 1...6 {
            for jobs in 1...9 {
                let plan = LintRunner.threadPlan(jobs: jobs, models: models)
                #expect(plan.models <= jobs && plan.models <= models && plan.models >= 1)
                #expect(plan.models * plan.layersPerModel <= max(jobs, plan.models))
            }
        }
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        #expect(LintRunner.threadPlan(jobs: 0, models: 1) == (1, cores))
    }
}
