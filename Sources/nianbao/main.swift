import Pipeline

print("nianbao \(NianbaoPipeline.version)")
